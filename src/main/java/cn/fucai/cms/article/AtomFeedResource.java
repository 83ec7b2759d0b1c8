package cn.fucai.cms.article;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

/** The Atom feed of every publisher's latest published articles. */
@Path("/api/v1/feed.atom")
@Tag(
        name = "Feeds",
        description = "Atom feeds of the latest published articles, for partner sites and readers that poll feeds")
public class AtomFeedResource {

    @Inject
    AtomFeeds feeds;

    @GET
    @Produces(AtomFeeds.ATOM + ";charset=UTF-8")
    @Operation(
            summary = "Atom feed of all publishers",
            description = "The 50 newest published articles, served in `locale` where a translation exists.")
    @APIResponse(
            responseCode = "200",
            description = "An Atom 1.0 feed",
            content = @Content(mediaType = AtomFeeds.ATOM, schema = @Schema(type = SchemaType.STRING)))
    public String atomFeed(@QueryParam("locale") Locale locale, @Context UriInfo uri) {
        return feeds.feed(null, locale, uri, "福彩新闻 — 全部发布机构");
    }
}
