package cn.fucai.cms.article;

import cn.fucai.cms.article.ArticleDtos.ArticleSummary;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.common.time.InstantText;
import cn.fucai.cms.publisher.PublisherRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The article list as two SQL statements whatever the page size: one keyset page of rows (with publisher and the
 * locales each article has, kept on its row), then the translations the page is served in. Plain SQL, no entities, no dirty checking.
 * bench/pg/list*.sql run the page statement through pgbench; BenchStatementsTest holds them the same.
 */
@ApplicationScoped
class ArticleListQuery {

    /** A list shows no body, source or author: they are read as null, so that rows map as {@link ArticleState#ROW}. */
    private static final String SELECT = """
            select a.id, a.slug, a.locale, a.title, a.summary, null::text as body, a.category, a.tags, a.region_codes,
                   a.published_at, null::text as source_name, null::text as source_url, null::text as author, a.cover,
                   null::timestamptz as unpublish_at, a.status, null::jsonb as release, a.created_at, a.updated_at,
                   null::timestamptz as deleted_at, %s, a.translation_locales
            """.formatted(PublisherRef.COLUMNS);

    private static final String FROM_ARTICLE =
            "from article a join publisher_ref p on p.id = a.publisher_id where a.deleted_at is null";

    /**
     * A region's articles newest first (or oldest first) are read from article_region, whose index is in page order
     * for a region, or a region and category: a page costs its own rows, not the region's. Each row's article is then
     * read by primary key: the subquery with {@code offset 0} is planned on its own, so the plan is the same whatever
     * the statistics say (with none, on a small table, a plain join was planned as a scan of every article per row).
     */
    private static final String FROM_REGION = """
            from article_region r
            cross join lateral (select * from article where article.id = r.article_id offset 0) a
            join publisher_ref p on p.id = a.publisher_id
            where a.deleted_at is null""";

    private static final String REGION_KEY = "r.published_key";

    @Inject
    Jdbi jdbi;

    Page<ArticleSummary> page(
            ArticleFilter filter,
            ArticleSort sort,
            Cursor after,
            int limit,
            List<Locale.LanguageRange> preferences,
            String fingerprint) {
        Sql sql = statement(filter, sort, after, limit + 1);
        return jdbi.withHandle(handle -> {
            List<ArticleState> rows = sql.query(handle).map(ArticleState.ROW).list();
            Map<UUID, String> served = new HashMap<>();
            for (ArticleState row : rows) {
                served.put(row.id(), Locales.choose(preferences, row.original().locale(), row.translationLocales()));
            }
            Map<UUID, ArticleContent.Localized> texts = translations(handle, rows, served);
            List<ArticleSummary> summaries = rows.stream()
                    .map(row -> {
                        ArticleContent.Localized text = texts.get(row.id());
                        return text == null ? row.summaryIn(served.get(row.id())) : row.summaryWith(text);
                    })
                    .toList();
            return Page.fromLookahead(summaries, limit, last -> cursorAfter(rows.get(limit - 1), sort, fingerprint));
        });
    }

    /** The page's statement: {@code rows} rows after the cursor, read from article_region for a region's newest. */
    static Sql statement(ArticleFilter filter, ArticleSort sort, Cursor after, int rows) {
        boolean byRegion =
                filter.region() != null && (sort == ArticleSort.PUBLISHED_AT_DESC || sort == ArticleSort.PUBLISHED_AT);
        // the status is written out: a rare one (in review) is better read another way than the published many
        String status = filter.status() == null ? null : Sql.literal(filter.status());
        Sql sql = new Sql(SELECT);
        if (byRegion) {
            // the region alone, or with the publisher or category in the one expression an index is keyed on
            sql.append(FROM_REGION);
            if (filter.publisherId() != null) {
                sql.append(" and r.region_code || r.publisher_id::text = :regionKey")
                        .bind("regionKey", filter.region() + filter.publisherId())
                        .appendIfSet(" and r.category = :category", "category", filter.category());
            } else if (filter.category() != null) {
                sql.append(
                        " and r.region_code || r.category = :regionKey",
                        "regionKey",
                        filter.region() + filter.category());
            } else {
                sql.append(" and r.region_code = :region", "region", filter.region());
            }
            sql.append(status == null ? "" : " and r.status = " + status);
        } else {
            sql.append(FROM_ARTICLE)
                    .appendIfSet(" and a.publisher_id = :publisher", "publisher", filter.publisherId())
                    .appendIfSet(" and a.region_scope @> array[:region]::varchar[]", "region", filter.region())
                    .appendIfSet(" and a.category = :category", "category", filter.category())
                    .append(status == null ? "" : " and a.status = " + status);
        }
        sql.append(filters(filter));
        // One plan serves every region, publisher and cursor of a page newest (or oldest) first, and every cursor of an
        // unfiltered page in any order: an index holds them in page order. A tag, a set of publishers, or a filter in
        // another order leaves the choice to the values: a rare one is best read through its own index, a common one
        // in page order.
        boolean publishedOrder = sort == ArticleSort.PUBLISHED_AT_DESC || sort == ArticleSort.PUBLISHED_AT;
        boolean onePlan = filter.tag() == null
                && filter.visiblePublishers() == null
                && (publishedOrder || filteredOnlyByStatus(filter));
        // Row comparison on (key, id) is what the (key, id) index serves; the key is cast from its cursor text.
        String key = byRegion ? REGION_KEY : sort.keyExpression();
        String id = byRegion ? "r.article_id" : "a.id";
        if (after != null) {
            sql.append(onePlan ? sort.afterInKeptPlan(key, id, after) : sort.after(key, id, after));
        }
        sql.append(sort.orderBy(key, id));
        sql.limit(rows);
        return onePlan ? sql : sql.plannedEachTime();
    }

    private static boolean filteredOnlyByStatus(ArticleFilter filter) {
        return filter.publisherId() == null
                && filter.region() == null
                && filter.category() == null
                && filter.locale() == null
                && filter.publishedFrom() == null
                && filter.publishedBefore() == null;
    }

    /** The filters other than publisher, region, category and status, which depend on the table the page is read from. */
    private static Sql filters(ArticleFilter filter) {
        Sql sql = new Sql("");
        if (filter.visiblePublishers() != null) {
            sql.append(
                    " and a.publisher_id = any(:visible)",
                    "visible",
                    filter.visiblePublishers().toArray(UUID[]::new));
        }
        sql.appendIfSet(" and a.tags @> array[:tag]::text[]", "tag", filter.tag());
        if (filter.locale() != null) {
            // checked on the row read in page order, with no translation to look up
            sql.append(
                    " and (a.locale = :locale or a.translation_locales @> array[:locale]::text[])",
                    "locale",
                    filter.locale());
        }
        sql.appendIfSet(" and a.published_at >= :publishedFrom", "publishedFrom", filter.publishedFrom());
        sql.appendIfSet(" and a.published_at < :publishedBefore", "publishedBefore", filter.publishedBefore());
        return sql;
    }

    /** Title and summary of every row served in a translation, in one statement; keyed by article id. */
    private static Map<UUID, ArticleContent.Localized> translations(
            Handle handle, List<ArticleState> rows, Map<UUID, String> served) {
        List<UUID> ids = new ArrayList<>();
        List<String> locales = new ArrayList<>();
        for (ArticleState row : rows) {
            String locale = served.get(row.id());
            if (!locale.equals(row.original().locale())) {
                ids.add(row.id());
                locales.add(locale);
            }
        }
        Map<UUID, ArticleContent.Localized> texts = new HashMap<>();
        if (ids.isEmpty()) {
            return texts;
        }
        handle.createQuery("""
                        select t.article_id, t.locale, t.title, t.summary
                        from article_translation t
                        join unnest(:ids::uuid[], :locales::text[]) as wanted(article_id, locale)
                          on wanted.article_id = t.article_id and wanted.locale = t.locale
                        where t.status = 'published'""")
                .bind("ids", ids.toArray(UUID[]::new))
                .bind("locales", locales.toArray(String[]::new))
                .map((rs, context) -> Map.entry(
                        rs.getObject("article_id", UUID.class),
                        new ArticleContent.Localized(
                                rs.getString("locale"), rs.getString("title"), rs.getString("summary"), null)))
                .forEach(entry -> texts.put(entry.getKey(), entry.getValue()));
        return texts;
    }

    private static String cursorAfter(ArticleState row, ArticleSort sort, String fingerprint) {
        String key = switch (sort) {
            case PUBLISHED_AT, PUBLISHED_AT_DESC ->
                row.publishedAt() == null ? "-infinity" : InstantText.format(row.publishedAt());
            case UPDATED_AT, UPDATED_AT_DESC -> InstantText.format(row.updatedAt());
            case TITLE, TITLE_DESC -> row.original().title();
        };
        return new Cursor(fingerprint, List.of(key, row.id().toString())).encode();
    }
}
