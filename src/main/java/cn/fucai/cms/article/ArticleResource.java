package cn.fucai.cms.article;

import cn.fucai.cms.article.ArticleDtos.ArticleRequest;
import cn.fucai.cms.article.ArticleDtos.ArticleSummary;
import cn.fucai.cms.article.ArticleDtos.ArticleSummaryPage;
import cn.fucai.cms.article.ArticleDtos.ArticleTranslations;
import cn.fucai.cms.article.ArticleDtos.PreviewResponse;
import cn.fucai.cms.article.RevisionDtos.Change;
import cn.fucai.cms.article.RevisionDtos.DiffResponse;
import cn.fucai.cms.article.RevisionDtos.ReviewNote;
import cn.fucai.cms.article.RevisionDtos.ReviewStep;
import cn.fucai.cms.article.RevisionDtos.RevisionResponse;
import cn.fucai.cms.article.RevisionDtos.RevisionSummary;
import cn.fucai.cms.common.cache.ResponseCacheFilter;
import cn.fucai.cms.common.http.FieldSet;
import cn.fucai.cms.common.http.Idempotent;
import cn.fucai.cms.common.http.PublicUrl;
import cn.fucai.cms.common.http.Representations;
import cn.fucai.cms.common.http.SparseFields;
import cn.fucai.cms.common.http.TypedParameters.UpperBound;
import cn.fucai.cms.common.http.VersionPrecondition;
import cn.fucai.cms.common.json.EncodedJson;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.common.paging.PagedResponse;
import cn.fucai.cms.common.replica.ReadYourWritesFilter;
import cn.fucai.cms.publisher.KnownPublisher;
import cn.fucai.cms.region.RegionCode;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Articles over HTTP: locale negotiation, ETags and status codes here, rules in {@link ArticleService}. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Articles", description = "News of the welfare-lottery centres, in their original locale and translations")
public class ArticleResource {

    private static final String SORT_DESCRIPTION =
            "Sort key, `-` for descending; title sorts by the original-language title (default -publishedAt)";

    @Inject
    ArticleService articles;

    @Inject
    SparseFields sparse;

    @Inject
    PublicUrl publicUrl;

    @GET
    @Path("/articles")
    @Operation(summary = "List articles", description = """
            Summaries (no body), newest first by default. `region` includes sub-regions (330000 matches an article tagged
            330302). `status` defaults to `published`. `locale` keeps articles that exist in that locale and serves them in
            it; without it, Accept-Language chooses the served locale per article. Plain dates in `publishedFrom` and
            `publishedTo` are China Standard Time days, both inclusive.""")
    @APIResponse(responseCode = "200", description = "A page of articles")
    public RestResponse<ArticleSummaryPage> listArticles(
            @QueryParam("publisher") KnownPublisher publisher,
            @QueryParam("region") RegionCode region,
            @QueryParam("category") String category,
            @QueryParam("tag") @Parameter(description = "Articles carrying this tag", example = "公益金") String tag,
            @QueryParam("status") @Parameter(description = "Editorial status (default published)") ArticleStatus status,
            @QueryParam("locale") Locale locale,
            @QueryParam("publishedFrom") Instant publishedFrom,
            @QueryParam("publishedTo") UpperBound publishedTo,
            @QueryParam("sort") @Parameter(description = SORT_DESCRIPTION) ArticleSort sort,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @QueryParam("fields") FieldSet fields,
            @BeanParam PageParams page,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        sparse.select(fields, ArticleSummary.class);
        int limit = page.limit();
        String localeFilter = locale == null ? null : locale.toLanguageTag();
        var filter = new ArticleFilter(
                KnownPublisher.idOf(publisher),
                RegionCode.valueOf(region),
                category,
                tag,
                status == null ? ArticleStatus.published : status,
                localeFilter,
                publishedFrom,
                publishedTo == null ? null : publishedTo.exclusive(),
                null);
        List<Locale.LanguageRange> preferences = Locales.preferences(localeFilter, acceptLanguage);
        boolean afterAWrite = headers.getHeaderString(ReadYourWritesFilter.READ_AFTER) != null;
        Page<EncodedJson> listed = articles.list(
                filter,
                sort == null ? ArticleSort.PUBLISHED_AT_DESC : sort,
                page.cursor,
                limit,
                preferences,
                afterAWrite);
        RestResponse<ArticleSummaryPage> response =
                PagedResponse.ok(new ArticleSummaryPage(listed.items(), listed.nextCursor()), listed.nextCursor(), uri);
        response.getHeaders().putSingle(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        return response;
    }

    @GET
    @Path("/articles/{id}")
    @Operation(
            summary = "Get an article",
            description = "Served in `locale`, else in the best Accept-Language match, else in its original locale.")
    @APIResponse(
            responseCode = "200",
            description = "The article",
            headers = @Header(name = "Content-Language", description = "The locale served"))
    @APIResponse(responseCode = "410", description = "The article was deleted")
    @Blocking
    public CompletionStage<RestResponse<ArticleResponse>> getArticle(
            @PathParam("id") UUID id,
            @QueryParam("locale") Locale locale,
            @QueryParam("fields") FieldSet fields,
            @Context HttpHeaders headers) {
        FieldSet selected = sparse.select(fields, ArticleResponse.class);
        List<Locale.LanguageRange> preferences = preferences(locale, headers);
        if (!preferences.isEmpty() || !articles.readerIsAnonymous()) {
            return CompletableFuture.completedFuture(
                    serve(() -> articles.validators(id), asked -> articles.read(id, asked), locale, selected, headers));
        }
        // an anonymous reader of the original, as most are: the read may wait for a statement shared with others
        // without holding this thread, and its answer is made on whichever thread that statement completes on
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch == null) {
            return articles.readForAnonymous(id).thenApply(article -> serve(article, preferences, selected, headers));
        }
        return articles.validatorsForAnonymous(id)
                .thenCompose(known -> unchanged(known, preferences, selected, ifNoneMatch)
                        .map(CompletableFuture::completedFuture)
                        // changed: the whole article, read as the first was (on whichever thread, in this request's
                        // Vert.x context, where the statement is counted)
                        .orElseGet(() -> articles.readForAnonymous(id)
                                .thenApply(article -> serve(article, preferences, selected, headers))
                                .toCompletableFuture()));
    }

    @RolesAllowed({"admin", "editor"})
    @Idempotent
    @POST
    @Path("/articles")
    @Operation(
            summary = "Create an article",
            description = "The publisher is named by id or slug. Region codes must exist;"
                    + " translations need distinct locales other than the original.")
    @APIResponse(
            responseCode = "201",
            description = "Created, served in its original locale",
            content = @Content(schema = @Schema(implementation = ArticleResponse.class)),
            headers = @Header(name = "ETag", description = "Entity tag for the next If-Match"))
    @APIResponse(responseCode = "409", description = "The publisher already has a live article with this slug")
    public RestResponse<ArticleResponse> createArticle(@Valid @NotNull ArticleRequest body, @Context UriInfo uri) {
        Article article = articles.create(body);
        return Representations.created(
                uri.getBaseUriBuilder()
                        .path("api/v1/articles")
                        .path(article.id.toString())
                        .build(),
                etag(article, article.locale),
                article.state().in(article.locale));
    }

    @RolesAllowed({"admin", "editor"})
    @PUT
    @Path("/articles/{id}")
    @Operation(summary = "Replace an article", description = """
            Full replacement, except that omitted `translations` and `publishedAt` keep their current values.
            Send the ETag you read in If-Match: if someone changed the article since, the answer is 412 and nothing is written.""")
    @APIResponse(responseCode = "200", description = "Replaced, served in its original locale")
    @APIResponse(responseCode = "409", description = "The new slug is taken")
    @APIResponse(responseCode = "410", description = "The article was deleted")
    public RestResponse<ArticleResponse> replaceArticle(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @DefaultValue("*") VersionPrecondition ifMatch,
            @Valid @NotNull ArticleRequest body) {
        Article article = articles.replace(id, body, ifMatch);
        return Representations.written(article.state().in(article.locale), etag(article, article.locale));
    }

    @RolesAllowed({"admin", "editor"})
    @DELETE
    @Path("/articles/{id}")
    @Operation(
            summary = "Delete an article",
            description =
                    "Soft delete: the article answers 410 Gone afterwards and stays as a tombstone for partner mirrors.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "410", description = "Already deleted")
    public void deleteArticle(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @DefaultValue("*") VersionPrecondition ifMatch) {
        articles.delete(id, ifMatch);
    }

    @RolesAllowed({"admin", "editor", "reader"})
    @GET
    @Path("/articles/{id}/revisions")
    @Operation(
            summary = "List an article's revisions",
            description = "Every save, newest first: who, when, which fields. For those who may read the publisher's"
                    + " drafts; 404 for everyone else.")
    @APIResponse(responseCode = "200", description = "A page of revisions")
    public RestResponse<Page<RevisionSummary>> listArticleRevisions(
            @PathParam("id") UUID id, @BeanParam PageParams page, @Context UriInfo uri) {
        return PagedResponse.ok(
                articles.revisions(id, page.cursor, page.limit()).map(RevisionSummary::from), uri);
    }

    @RolesAllowed({"admin", "editor", "reader"})
    @GET
    @Path("/articles/{id}/revisions/{number}")
    @Operation(
            summary = "Get an article revision",
            description = "The whole article as that save left it, in the shape PUT takes.")
    @APIResponse(responseCode = "200", description = "The revision")
    public RevisionResponse getArticleRevision(
            @PathParam("id") UUID id,
            @PathParam("number") @Parameter(description = "Revision number, from 1", example = "2") int number) {
        return RevisionResponse.from(articles.revision(id, number));
    }

    @RolesAllowed({"admin", "editor", "reader"})
    @GET
    @Path("/articles/{id}/revisions/{number}/diff")
    @Operation(
            summary = "Compare two article revisions",
            description = "Field by field, with a word-level diff of titles, summaries and bodies, from revision"
                    + " `from` (the one before by default) to this one.")
    @APIResponse(responseCode = "200", description = "What changed")
    public DiffResponse diffArticleRevisions(
            @PathParam("id") UUID id,
            @PathParam("number") @Parameter(description = "Revision number, from 1", example = "2") int number,
            @QueryParam("from")
                    @Parameter(description = "The revision to compare with (default: number - 1)", example = "1")
                    Integer from) {
        int base = from == null ? number - 1 : from;
        return new DiffResponse(
                base,
                number,
                articles.diff(id, base, number).stream().map(Change::from).toList());
    }

    @RolesAllowed({"admin", "editor"})
    @Idempotent
    @POST
    @Path("/articles/{id}/revisions/{number}/restore")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Restore an article revision",
            description = "Brings back what the article said then (texts, translations, tags, regions, source,"
                    + " cover) and keeps its publisher, slug, status and times: a new revision, history untouched.")
    @APIResponse(responseCode = "200", description = "Restored, served in its original locale")
    @APIResponse(responseCode = "410", description = "The article was deleted")
    public RestResponse<ArticleResponse> restoreArticleRevision(
            @PathParam("id") UUID id,
            @PathParam("number") @Parameter(description = "Revision number, from 1", example = "2") int number,
            @HeaderParam(HttpHeaders.IF_MATCH) @DefaultValue("*") VersionPrecondition ifMatch) {
        Article article = articles.restore(id, number, ifMatch);
        return Representations.written(article.state().in(article.locale), etag(article, article.locale));
    }

    @RolesAllowed({"admin", "editor"})
    @Idempotent
    @POST
    @Path("/articles/{id}/submission")
    @Operation(
            summary = "Send an article for review",
            description = "A draft waits for a reviewer of its publisher (`GET /articles?status=in_review` is their"
                    + " queue); webhooks of `article.review_requested` are told. Where the publisher requires review,"
                    + " an editor's publish does the same by itself.")
    @APIResponse(responseCode = "200", description = "Waiting for review")
    @APIResponse(responseCode = "409", description = "Not a draft")
    public RestResponse<ArticleResponse> submitArticle(@PathParam("id") UUID id, @Valid @NotNull ReviewNote body) {
        return written(articles.submit(id, body.note()));
    }

    @RolesAllowed({"admin", "reviewer"})
    @Idempotent
    @POST
    @Path("/articles/{id}/approval")
    @Operation(
            summary = "Approve an article",
            description = "A reviewer of its publisher, who did not write its latest revision, publishes it (or"
                    + " schedules it for the time its editor asked).")
    @APIResponse(responseCode = "200", description = "Published or scheduled")
    @APIResponse(responseCode = "409", description = "Not waiting for review")
    public RestResponse<ArticleResponse> approveArticle(@PathParam("id") UUID id, @Valid @NotNull ReviewNote body) {
        return written(articles.approve(id, body.note()));
    }

    @RolesAllowed({"admin", "reviewer"})
    @Idempotent
    @POST
    @Path("/articles/{id}/return")
    @Operation(
            summary = "Send an article back",
            description = "A reviewer returns it to its editors as a draft, with a note saying what to change.")
    @APIResponse(responseCode = "200", description = "A draft again")
    @APIResponse(responseCode = "409", description = "Not waiting for review")
    public RestResponse<ArticleResponse> returnArticle(@PathParam("id") UUID id, @Valid @NotNull ReviewNote body) {
        return written(articles.sendBack(id, body.note()));
    }

    @RolesAllowed({"admin", "editor", "reader"})
    @GET
    @Path("/articles/{id}/reviews")
    @Operation(
            summary = "List an article's review steps",
            description = "Every submission, approval and return, oldest first, with the notes.")
    @APIResponse(responseCode = "200", description = "The steps")
    public List<ReviewStep> listArticleReviews(@PathParam("id") UUID id) {
        return articles.reviews(id).stream().map(ReviewStep::from).toList();
    }

    @RolesAllowed({"admin", "editor", "reader"})
    @GET
    @Path("/articles/{id}/translations")
    @Operation(
            summary = "List an article's translations",
            description = "Every translation, drafts included, with its status and whether it is stale: the original"
                    + " changed after it was last written or checked. For those who may read the publisher's drafts;"
                    + " 404 for everyone else. Write them with PUT /articles/{id}.")
    @APIResponse(
            responseCode = "200",
            description = "The translations",
            headers = @Header(name = "ETag", description = "The article's entity tag, for the next If-Match"))
    public RestResponse<ArticleTranslations> listArticleTranslations(@PathParam("id") UUID id) {
        Article article = articles.translations(id);
        return RestResponse.ResponseBuilder.ok(ArticleTranslations.of(article))
                .tag(etag(article, article.locale))
                .build();
    }

    @RolesAllowed({"admin", "editor"})
    @Idempotent
    @POST
    @Path("/articles/{id}/previews")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Make a preview link",
            description = "A signed link that shows the article as readers will see it, without a token: for a"
                    + " front end's preview page. It stops working after `validFor` or as soon as the article's"
                    + " status changes; edits to the draft show at once.")
    @APIResponse(
            responseCode = "201",
            description = "The link",
            content = @Content(schema = @Schema(implementation = PreviewResponse.class)))
    public RestResponse<PreviewResponse> createArticlePreview(
            @PathParam("id") UUID id,
            @QueryParam("validFor")
                    @DefaultValue("PT24H")
                    @Parameter(description = "How long the link works: ISO 8601, at most P7D", example = "PT24H")
                    Duration validFor) {
        ArticleService.Preview preview = articles.preview(id, validFor);
        URI url = publicUrl.of("/api/v1/previews/" + preview.token());
        return Representations.created(url, new PreviewResponse(preview.token(), url.toString(), preview.expiresAt()));
    }

    @PermitAll
    @GET
    @Path("/previews/{token}")
    @Operation(
            summary = "Preview an article",
            description = "The article of a preview link, exactly as `GET /articles/{id}` serves it, whatever its"
                    + " status; never cached, never indexed. 404 once the link expired or the status changed.")
    @APIResponse(
            responseCode = "200",
            description = "The article",
            headers = @Header(name = "Content-Language", description = "The locale served"))
    @APIResponse(responseCode = "404", description = "No such link, or it expired, or the article changed status")
    public RestResponse<ArticleResponse> previewArticle(
            @PathParam("token") @Parameter(description = "The link's token") String token,
            @QueryParam("locale") Locale locale,
            @Context HttpHeaders headers,
            @Context ContainerRequestContext request) {
        // a link that expires, or whose article changes status, sends no change notification: never kept
        ResponseCacheFilter.keepOut(request);
        List<Locale.LanguageRange> preferences = preferences(locale, headers);
        RestResponse<ArticleResponse> response =
                serve(articles.readPreview(token, preferences), preferences, null, headers);
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "private, no-store");
        response.getHeaders().putSingle("X-Robots-Tag", "noindex");
        return response;
    }

    /**
     * The article in the negotiated locale, with ETag (of the selected fields, if any), Content-Language and Vary; 304
     * when If-None-Match matches, answered from the article's validators alone when it does, so that a revalidation
     * reads no text.
     */
    static RestResponse<ArticleResponse> serve(
            Supplier<ArticleValidators> validators,
            Function<List<Locale.LanguageRange>, ArticleRead> read,
            Locale locale,
            FieldSet fields,
            HttpHeaders headers) {
        List<Locale.LanguageRange> preferences = preferences(locale, headers);
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            // a revalidation: the validators alone answer it when it matches, without reading the texts
            Optional<RestResponse<ArticleResponse>> unchanged =
                    unchanged(validators.get(), preferences, fields, ifNoneMatch);
            if (unchanged.isPresent()) {
                return unchanged.get();
            }
        }
        return serve(read.apply(preferences), preferences, fields, headers);
    }

    /** 304 when If-None-Match matches the representation these validators describe; empty when it does not. */
    private static Optional<RestResponse<ArticleResponse>> unchanged(
            ArticleValidators known, List<Locale.LanguageRange> preferences, FieldSet fields, String ifNoneMatch) {
        String served = served(known, preferences);
        EntityTag etag = etag(known, served, fields);
        return Representations.matchesWeakly(ifNoneMatch, etag)
                ? Optional.of(negotiated(Representations.notModified(etag, known.lastModified()), served))
                : Optional.empty();
    }

    /**
     * The whole article as {@link #serve(Supplier, Function, Locale, FieldSet, HttpHeaders)} describes, read with the
     * texts these preferences could be served.
     */
    static RestResponse<ArticleResponse> serve(
            ArticleRead article, List<Locale.LanguageRange> preferences, FieldSet fields, HttpHeaders headers) {
        ArticleValidators validators = article.validators();
        String served = served(validators, preferences);
        return negotiated(
                Representations.ok(
                        headers,
                        etag(validators, served, fields),
                        validators.lastModified(),
                        article.state().in(served)),
                served);
    }

    /** What the reader asked for: {@code locale}, else Accept-Language. */
    private static List<Locale.LanguageRange> preferences(Locale locale, HttpHeaders headers) {
        return Locales.preferences(
                locale == null ? null : locale.toLanguageTag(), headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** The locale a reader is served: the best match of their preferences, else the original. */
    private static String served(ArticleValidators article, List<Locale.LanguageRange> preferences) {
        return Locales.choose(preferences, article.originalLocale(), article.translationLocales());
    }

    /** The ETag of the representation served in this locale, of the selected fields if any. */
    private static EntityTag etag(ArticleValidators article, String served, FieldSet fields) {
        EntityTag etag = article.etag(served);
        return fields == null ? etag : new EntityTag(etag.getValue() + "-" + fields.tag());
    }

    private static RestResponse<ArticleResponse> negotiated(RestResponse<ArticleResponse> response, String served) {
        response.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, served);
        response.getHeaders().putSingle(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        return response;
    }

    private static RestResponse<ArticleResponse> written(Article article) {
        return Representations.written(article.state().in(article.locale), etag(article, article.locale));
    }

    private static EntityTag etag(Article article, String locale) {
        return ArticleValidators.etag(article.version, article.publisher.version, locale);
    }
}
