package cn.fucai.cms.article;

import cn.fucai.cms.common.http.FieldSet;
import cn.fucai.cms.common.http.SparseFields;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A publisher's articles as front ends and feed readers address them: by slug, and as an Atom feed. A class of its
 * own so that JAX-RS matches it before the publishers resource, whose path is a prefix of this one.
 */
@Path("/api/v1/publishers/{idOrSlug}")
public class PublisherArticleResource {

    @Inject
    ArticleService articles;

    @Inject
    AtomFeeds feeds;

    @Inject
    SparseFields sparse;

    @GET
    @Path("/articles/{slug}")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Articles")
    @Operation(
            summary = "Get an article by publisher and slug",
            description = "The same representation as GET /api/v1/articles/{id}, for front ends that route by slug.")
    @APIResponse(responseCode = "200", description = "The article")
    @APIResponse(responseCode = "404", description = "No such publisher or article")
    @APIResponse(responseCode = "410", description = "The article or its publisher was deleted")
    public RestResponse<ArticleResponse> getArticleBySlug(
            @PathParam("idOrSlug") String idOrSlug,
            @PathParam("slug")
                    @Parameter(
                            description = "Article slug, unique within the publisher",
                            example = "2019-wenzhou-fucai-review")
                    String slug,
            @QueryParam("locale") Locale locale,
            @QueryParam("fields") FieldSet fields,
            @Context HttpHeaders headers) {
        FieldSet selected = sparse.select(fields, ArticleResponse.class);
        return ArticleResource.serve(
                () -> articles.validatorsBySlug(idOrSlug, slug),
                preferences -> articles.readBySlug(idOrSlug, slug, preferences),
                locale,
                selected,
                headers);
    }

    @GET
    @Path("/feed.atom")
    @Produces(AtomFeeds.ATOM + ";charset=UTF-8")
    @Tag(name = "Feeds")
    @Operation(
            summary = "Atom feed of one publisher",
            description =
                    "The publisher's 50 newest published articles, served in `locale` where a translation exists.")
    @APIResponse(
            responseCode = "200",
            description = "An Atom 1.0 feed",
            content = @Content(mediaType = AtomFeeds.ATOM, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "410", description = "The publisher was deleted")
    public String publisherAtomFeed(
            @PathParam("idOrSlug") String idOrSlug, @QueryParam("locale") Locale locale, @Context UriInfo uri) {
        return feeds.feed(idOrSlug, locale, uri, null);
    }
}
