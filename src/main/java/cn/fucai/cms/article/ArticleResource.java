package cn.fucai.cms.article;

import cn.fucai.cms.article.ArticleDtos.ArticleRequest;
import cn.fucai.cms.article.ArticleDtos.ArticleSummary;
import cn.fucai.cms.common.http.FieldSet;
import cn.fucai.cms.common.http.Idempotent;
import cn.fucai.cms.common.http.Representations;
import cn.fucai.cms.common.http.SparseFields;
import cn.fucai.cms.common.http.TypedParameters.UpperBound;
import cn.fucai.cms.common.http.VersionPrecondition;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.common.paging.PagedResponse;
import cn.fucai.cms.publisher.KnownPublisher;
import cn.fucai.cms.region.RegionCode;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
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

    @GET
    @Path("/articles")
    @Operation(summary = "List articles", description = """
            Summaries (no body), newest first by default. `region` includes sub-regions (330000 matches an article tagged
            330302). `status` defaults to `published`. `locale` keeps articles that exist in that locale and serves them in
            it; without it, Accept-Language chooses the served locale per article. Plain dates in `publishedFrom` and
            `publishedTo` are China Standard Time days, both inclusive.""")
    @APIResponse(responseCode = "200", description = "A page of articles")
    public RestResponse<Page<ArticleSummary>> listArticles(
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
            @Context UriInfo uri) {
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
        RestResponse<Page<ArticleSummary>> response = PagedResponse.ok(
                articles.list(
                        filter, sort == null ? ArticleSort.PUBLISHED_AT_DESC : sort, page.cursor, limit, preferences),
                uri);
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
    public RestResponse<ArticleResponse> getArticle(
            @PathParam("id") UUID id,
            @QueryParam("locale") Locale locale,
            @QueryParam("fields") FieldSet fields,
            @Context HttpHeaders headers) {
        FieldSet selected = sparse.select(fields, ArticleResponse.class);
        return serve(articles.read(id), locale, selected, headers);
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

    /**
     * The article in the negotiated locale, with ETag (of the selected fields, if any), Content-Language and Vary; 304
     * when If-None-Match matches.
     */
    static RestResponse<ArticleResponse> serve(
            ArticleRead article, Locale locale, FieldSet fields, HttpHeaders headers) {
        ArticleState state = article.state();
        String served = Locales.choose(
                Locales.preferences(
                        locale == null ? null : locale.toLanguageTag(),
                        headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)),
                state.original().locale(),
                state.translationLocales());
        EntityTag etag = article.etag(served);
        if (fields != null) {
            etag = new EntityTag(etag.getValue() + "-" + fields.tag());
        }
        RestResponse<ArticleResponse> response =
                Representations.ok(headers, etag, article.lastModified(), state.in(served));
        response.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, served);
        response.getHeaders().putSingle(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        return response;
    }

    private static EntityTag etag(Article article, String locale) {
        return ArticleRead.etag(article.version, article.publisher.version, locale);
    }
}
