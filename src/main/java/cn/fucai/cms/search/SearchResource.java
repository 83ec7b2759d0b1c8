package cn.fucai.cms.search;

import cn.fucai.cms.article.ArticleStatus;
import cn.fucai.cms.common.http.FieldSet;
import cn.fucai.cms.common.http.SparseFields;
import cn.fucai.cms.common.http.TypedParameters.UpperBound;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.common.paging.PagedResponse;
import cn.fucai.cms.publisher.KnownPublisher;
import cn.fucai.cms.region.RegionCode;
import cn.fucai.cms.search.SearchDtos.SearchHit;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Full-text search in Chinese and English. */
@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search", description = "Chinese and English full-text search over articles, inside PostgreSQL")
public class SearchResource {

    @Inject
    SearchService search;

    @Inject
    SparseFields sparse;

    @GET
    @Operation(summary = "Search articles", description = """
            Words separated by spaces must all match; "quoted text" matches as a phrase. Chinese words of two or more
            characters are found wherever they stand (温州, 公益金, 福彩公益), never across punctuation, and a single
            character wherever it stands (年 of 2021年); the field's abbreviations in each of their forms (福彩 finds
            福利彩票, 福利彩票发行中心 finds 福彩中心); English words regardless of case and simple inflection.
            Articles whose title or tags match come first, then those that match anywhere else; within each, newest
            first. The same filters as the article list apply; drafts only for tokens
            that may read them. Figures are searched with `q` on the figure lists (`/api/v1/fund-figures?q=助学`).""")
    @APIResponse(responseCode = "200", description = "A page of hits, best first")
    @APIResponse(
            responseCode = "400",
            description = "An empty, too long (over 200 characters) or unusable query, or a bad filter")
    public RestResponse<Page<SearchHit>> searchArticles(
            @QueryParam("q") @Parameter(description = "What to look for", required = true, example = "公益金") String q,
            @QueryParam("publisher") KnownPublisher publisher,
            @QueryParam("region") RegionCode region,
            @QueryParam("category") String category,
            @QueryParam("locale") @Parameter(description = "Only articles that exist in this locale", example = "en")
                    Locale locale,
            @QueryParam("publishedFrom") Instant publishedFrom,
            @QueryParam("publishedTo") UpperBound publishedTo,
            @QueryParam("status") @Parameter(description = "Editorial status (default published)") ArticleStatus status,
            @QueryParam("fields") FieldSet fields,
            @BeanParam PageParams page,
            @Context UriInfo uri) {
        sparse.select(fields, SearchHit.class);
        int limit = page.limit();
        var filter = new SearchService.Filter(
                KnownPublisher.idOf(publisher),
                RegionCode.valueOf(region),
                category,
                locale,
                publishedFrom,
                publishedTo == null ? null : publishedTo.exclusive(),
                status == null ? ArticleStatus.published : status);
        return PagedResponse.ok(search.search(q, filter, page.cursor, limit), uri);
    }
}
