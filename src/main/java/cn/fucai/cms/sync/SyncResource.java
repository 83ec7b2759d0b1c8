package cn.fucai.cms.sync;

import cn.fucai.cms.article.ArticleResponse;
import cn.fucai.cms.common.cache.ResponseCacheFilter;
import cn.fucai.cms.common.cache.SameForEveryCaller;
import cn.fucai.cms.common.http.FieldSet;
import cn.fucai.cms.common.http.SparseFields;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.publisher.KnownPublisher;
import cn.fucai.cms.sync.SyncDtos.MediaSyncPage;
import cn.fucai.cms.sync.SyncDtos.SyncPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The change feed partner mirrors follow. */
@Path("/api/v1/sync")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"sync", "admin"})
@SameForEveryCaller
@Tag(
        name = "Sync",
        description = "Change feeds that never miss a change, for partner sites that mirror our articles and media")
public class SyncResource {

    @Inject
    SyncService sync;

    @Inject
    SparseFields sparse;

    @GET
    @Path("/articles")
    @Operation(summary = "Follow the article change feed", description = """
            Without a cursor: a snapshot of every published article, page by page, then a cursor into the feed.
            With it: every change since, as `upsert` (the article as the public API shows it, with the SHA-256 of its
            canonical JSON) or `remove` with a reason (`deleted`, `unpublished`, `archived`, `moved`). A mirror that
            applies every page in order holds exactly the published set. `nextCursor` is always given: keep it and poll;
            `hasMore` says whether to ask again at once. A forged cursor, or one behind the retention window, gets 410:
            start again from a snapshot.""")
    @APIResponse(responseCode = "200", description = "A page of the snapshot or of the feed")
    @APIResponse(responseCode = "400", description = "A bad limit, publisher or locale")
    @APIResponse(responseCode = "410", description = "The cursor is forged or too old; start again without one")
    public SyncPage syncArticles(
            @QueryParam("publisher")
                    @Parameter(
                            description = "Mirror one publisher's articles only (id or slug)",
                            example = "wenzhou-fucai")
                    KnownPublisher publisher,
            @QueryParam("locale") Locale locale,
            @QueryParam("fields")
                    @Parameter(
                            description = "Comma-separated properties to send of each upserted article (type, id,"
                                    + " reason and contentHash, the hash of the whole article, always come)",
                            example = "id,slug,title,updatedAt")
                    FieldSet fields,
            @BeanParam PageParams page,
            @Context ContainerRequestContext request) {
        sparse.selectWithin("article", fields, ArticleResponse.class);
        SyncPage answer = sync.page(page.cursor, page.limit(), KnownPublisher.idOf(publisher), locale);
        return cachedIf(answer.settled(), answer, request);
    }

    @GET
    @Path("/media")
    @Operation(summary = "Follow the media change feed", description = """
            The same protocol as the article feed, for the images and PDFs that published content uses. Without a
            cursor: a snapshot of every such item, page by page, then a cursor into the feed. With it: every change
            since, as `upsert` (the item as the public API shows it, with the SHA-256 of its canonical JSON) or
            `remove` with a reason (`deleted`, or `unpublished` when no published content uses it any more). Files are
            named by the SHA-256 of their content: a mirror fetches each once. A forged cursor, or one behind the
            retention window, gets 410: start again from a snapshot.""")
    @APIResponse(responseCode = "200", description = "A page of the snapshot or of the feed")
    @APIResponse(responseCode = "410", description = "The cursor is forged or too old; start again without one")
    public MediaSyncPage syncMedia(
            @QueryParam("publisher")
                    @Parameter(
                            description = "Mirror one publisher's media only (id or slug)",
                            example = "wenzhou-fucai")
                    KnownPublisher publisher,
            @BeanParam PageParams page,
            @Context ContainerRequestContext request) {
        MediaSyncPage answer = sync.mediaPage(page.cursor, page.limit(), KnownPublisher.idOf(publisher));
        return cachedIf(answer.settled(), answer, request);
    }

    /** A page the response cache may keep only when settled: an unsettled one changes with no change of its own. */
    private static <T> T cachedIf(boolean settled, T page, ContainerRequestContext request) {
        if (!settled) {
            ResponseCacheFilter.keepOut(request);
        }
        return page;
    }
}
