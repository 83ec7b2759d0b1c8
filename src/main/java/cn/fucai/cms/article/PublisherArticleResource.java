package cn.fucai.cms.article;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Articles addressed by publisher and slug, as front ends route. A class of its own so that JAX-RS matches it before
 * the publishers resource, whose path is a prefix of this one.
 */
@Path("/api/v1/publishers/{idOrSlug}/articles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Articles")
public class PublisherArticleResource {

    private final ArticleService articles;

    public PublisherArticleResource(ArticleService articles) {
        this.articles = articles;
    }

    @GET
    @Path("/{slug}")
    @Operation(
            operationId = "getArticleBySlug",
            summary = "Get an article by publisher and slug",
            description = "The same representation as GET /api/v1/articles/{id}, for front ends that route by slug.")
    @APIResponse(responseCode = "200", description = "The article")
    @APIResponse(responseCode = "404", description = "No such publisher or article")
    @APIResponse(responseCode = "410", description = "The article or its publisher was deleted")
    public RestResponse<ArticleResponse> getBySlug(
            @PathParam("idOrSlug") String idOrSlug,
            @PathParam("slug")
                    @Parameter(
                            description = "Article slug, unique within the publisher",
                            example = "2019-wenzhou-fucai-review")
                    String slug,
            @QueryParam("locale") Locale locale,
            @Context HttpHeaders headers) {
        return ArticleResource.serve(articles.getBySlug(idOrSlug, slug), locale, headers);
    }
}
