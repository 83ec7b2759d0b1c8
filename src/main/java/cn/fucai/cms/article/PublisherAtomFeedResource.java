package cn.fucai.cms.article;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Atom feed of one publisher; a class of its own so that JAX-RS matches it before the publishers resource. */
@Path("/api/v1/publishers/{idOrSlug}/feed.atom")
@Tag(name = "Feeds")
public class PublisherAtomFeedResource {

    private final AtomFeeds feeds;

    public PublisherAtomFeedResource(AtomFeeds feeds) {
        this.feeds = feeds;
    }

    @GET
    @Produces(AtomFeeds.ATOM + ";charset=UTF-8")
    @Operation(
            operationId = "publisherAtomFeed",
            summary = "Atom feed of one publisher",
            description =
                    "The publisher's 50 newest published articles, served in `locale` where a translation exists.")
    @APIResponse(
            responseCode = "200",
            description = "An Atom 1.0 feed",
            content = @Content(mediaType = AtomFeeds.ATOM, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "410", description = "The publisher was deleted")
    public String feed(
            @PathParam("idOrSlug") String idOrSlug, @QueryParam("locale") Locale locale, @Context UriInfo uri) {
        return feeds.feed(idOrSlug, locale, uri, null);
    }
}
