package cn.fucai.cms.search;

import cn.fucai.cms.article.ArticleService;
import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.sql.Jdbc;
import cn.fucai.cms.publisher.PublisherRef;
import cn.fucai.cms.region.Region;
import cn.fucai.cms.search.SearchDtos.SearchHit;
import cn.fucai.cms.security.AccessPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Full-text search over articles (title, summary, body and tags, in the original and every translation), ranked by
 * relevance then recency, with a highlighted passage. Unpublished articles only for callers who may read them.
 */
@ApplicationScoped
public class SearchService {

    /** Deepest result a cursor reaches: search is for finding, not for walking the whole archive. */
    private static final int MAX_OFFSET = 1000;
    private static final String CJK_CLASS = "[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+";

    private final Jdbc jdbc;
    private final ArticleService articles;
    private final AccessPolicy access;

    SearchService(Jdbc jdbc, ArticleService articles, AccessPolicy access) {
        this.jdbc = jdbc;
        this.articles = articles;
        this.access = access;
    }

    /** Filters of a search, as raw parameters; null means any. */
    public record Filter(String publisher, String region, String category, String locale, Instant publishedFrom,
                         Instant publishedBefore, String status) {
    }

    @Transactional
    public Page<SearchHit> search(String q, Filter filter, String cursorParam, int limit) {
        SearchQuery query = SearchQuery.parse(q);
        String status = filter.status() == null ? "published" : filter.status();
        if (!List.of("draft", "published", "archived").contains(status)) {
            throw new InvalidInputException("status", "must be one of draft, published, archived; was '" + status + "'");
        }
        UUID publisherId = articles.publisherFilter(filter.publisher());
        String region = filter.region() == null ? null : Region.requireKnown(filter.region(), "region");
        String locale = articles.localeFilter(filter.locale());
        String fingerprint = Cursor.fingerprint("rank", query, filter);
        Cursor cursor = Cursor.decode(cursorParam, fingerprint, 1);
        int offset = cursor == null ? 0 : cursor.intKey(0);
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new InvalidInputException("cursor", "is not a cursor this API issued");
        }

        List<Object> params = new ArrayList<>();
        StringBuilder tsquery = new StringBuilder();
        for (String term : query.terms()) {
            if (tsquery.length() > 0) {
                tsquery.append(" && ");
            }
            // Chinese part as a phrase of bigrams, the rest as English words; both must match.
            tsquery.append("(phraseto_tsquery('simple', cms_cjk_bigrams(?)) && phraseto_tsquery('english', regexp_replace(?, '")
                    .append(CJK_CLASS).append("', ' ', 'g')))");
            params.add(term);
            params.add(term);
        }
        StringBuilder sql = new StringBuilder("with q as (select ").append(tsquery).append(" as query)").append("""
                 select a.id, a.slug, a.title, a.summary, a.body, a.published_at, a.status,
                        p.id, p.slug, p.name, p.name_en, ts_rank(s.document, q.query) as rank,
                        array(select concat_ws(' ', t.title, t.summary, t.body) from article_translation t where t.article_id = a.id)
                 from q cross join article_search s
                 join article a on a.id = s.article_id
                 join publisher p on p.id = a.publisher_id
                 where s.document @@ q.query and a.deleted_at is null and a.status = ?""");
        params.add(status);
        if (!status.equals("published")) {
            Set<UUID> visible = access.unpublishedScope();
            if (visible != null) {
                sql.append(" and a.publisher_id = any(?)");
                params.add(visible.toArray(UUID[]::new));
            }
        }
        if (publisherId != null) {
            sql.append(" and a.publisher_id = ?");
            params.add(publisherId);
        }
        if (region != null) {
            sql.append(" and a.region_scope @> array[?]::varchar[]");
            params.add(region);
        }
        if (filter.category() != null) {
            sql.append(" and a.category = ?");
            params.add(filter.category());
        }
        if (locale != null) {
            sql.append(" and (a.locale = ? or exists (select 1 from article_translation t where t.article_id = a.id and t.locale = ?))");
            params.add(locale);
            params.add(locale);
        }
        if (filter.publishedFrom() != null) {
            sql.append(" and a.published_at >= ?");
            params.add(filter.publishedFrom().atOffset(ZoneOffset.UTC));
        }
        if (filter.publishedBefore() != null) {
            sql.append(" and a.published_at < ?");
            params.add(filter.publishedBefore().atOffset(ZoneOffset.UTC));
        }
        sql.append(" order by rank desc, coalesce(a.published_at, '-infinity'::timestamptz) desc, a.id desc offset ? limit ?");
        params.add(offset);
        params.add(limit + 1);

        List<SearchHit> rows = jdbc.list(sql.toString(), rs -> {
            String[] translations = (String[]) rs.getArray(13).getArray();
            Highlighter.Passage passage = Highlighter.best(query.terms(), rs.getString(3), rs.getString(4), rs.getString(5), translations);
            OffsetDateTime published = rs.getObject(6, OffsetDateTime.class);
            return new SearchHit(rs.getObject(1, UUID.class), rs.getString(2),
                    new PublisherRef(rs.getObject(8, UUID.class), rs.getString(9), rs.getString(10), rs.getString(11)),
                    rs.getString(3), published == null ? null : published.toInstant(), rs.getString(7), rs.getFloat(12),
                    passage.field(), passage.snippet());
        }, params.toArray());
        int next = offset + limit;
        return Page.fromLookahead(rows, limit, last -> next > MAX_OFFSET ? null : new Cursor(fingerprint, List.of(Integer.toString(next))).encode());
    }
}
