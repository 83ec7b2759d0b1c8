package cn.fucai.cms.article;

import cn.fucai.cms.common.cache.ResponseCache;
import cn.fucai.cms.common.json.EncodedJson;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.sql.Database;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.common.time.InstantText;
import cn.fucai.cms.publisher.PublisherRef;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The article list: a keyset page of what places each row and decides its summary (ids, versions, locales, the sort
 * key), then the summaries. A summary is a function of its article's version, its publisher's and the locale served,
 * so each one written is kept by those as its JSON, as the sync feed keeps its articles', and served while the article's
 * change stamp holds ({@link ResponseCache#articleStamp}: a change written with SQL may leave the version as it was,
 * and nothing is kept while no one listens for changes). A page of articles that some reader listed since they last
 * changed is one statement; the others are read by id in one more, with their translations' titles and summaries. A
 * page shows only the versions that placed it: should an article change between the two statements, the page is read
 * again whole, summaries and all, in one statement. So is every page of a list whose last page found most of its
 * summaries not kept (a walk through pages no one listed), for {@link #READ_WHOLE_FOR}, but a page asked again in that
 * while, and every page of every list when no MiB are given to keep them. Plain SQL, no entities, no dirty checking. bench/pg/list*.sql run
 * the page statement through pgbench; BenchStatementsTest holds them the same.
 */
@ApplicationScoped
class ArticleListQuery {

    /**
     * What places a row in its page and decides its summary, from the article's row alone; the title is read only where
     * it is the sort key. The publisher's name in a kept summary is checked by the article's change stamp, which moves
     * with every publisher change ({@link ResponseCache#articleStamp}), not by reading the publisher's version here:
     * a page of kept summaries reads no publisher.
     */
    private static final String KEYS = """
            select a.id, a.version, a.locale, a.translation_locales, a.published_at, a.updated_at, %s as title
            """;

    /**
     * {@link #KEYS} with the summary, as {@link ArticleState#ROW} maps it (no body, source or author), for a where
     * clause on {@code a}; {@link #BY_IDS} adds the served translation's title and summary, a page read whole reads
     * them in a statement of their own.
     */
    private static final String SUMMARIES = """
            select a.id, a.version, a.locale, a.translation_locales, a.published_at, a.updated_at, a.title, a.slug,
                   a.summary, null::text as body, a.category, a.tags, a.region_codes,
                   null::text as source_name, null::text as source_url, null::text as author, a.cover,
                   null::timestamptz as unpublish_at, a.status, null::jsonb as release, a.created_at,
                   null::timestamptz as deleted_at, %s""".formatted(PublisherRef.COLUMNS);

    /** The title and summary of each article's published translation in the locale at its place in {@code :locales}. */
    private static final String SERVED_TRANSLATION = """
            left join lateral (select array_agg(t.locale) as locales, array_agg(t.title) as titles,
                                      array_agg(t.summary) as summaries
                               from article_translation t
                               where t.article_id = a.id and t.status = 'published'
                                 and t.locale = (:locales::text[])[array_position(:ids::uuid[], a.id)]) t on true""";

    /**
     * The summaries of the articles {@code :ids}, each with the title and summary of its published translation in the
     * locale at the same place of {@code :locales}, if it has one (the served locale: one index probe, no text for
     * those served in their original). One plan for any number of ids, each publisher a probe, as
     * {@link ArticleStates#BY_IDS} says.
     */
    static final String BY_IDS =
            SUMMARIES + """
            , t.locales as translated_locales, t.titles, t.summaries
            from article a""" + PublisherRef.joinedTo("a") + "\n" + SERVED_TRANSLATION + ArticleStates.BY_IDS;

    private static final String FROM_ARTICLE = "from article a%s where a.deleted_at is null";

    /** How {@link #SUMMARIES} reads the publisher of each row: by primary key, as the article names it. */
    private static final String WITH_PUBLISHER = " join publisher_ref p on p.id = a.publisher_id";

    /**
     * A region's articles newest first (or oldest first) are read from article_region, whose index is in page order
     * for a region, or a region and category: a page costs its own rows, not the region's. Each row's article is then
     * read by primary key: the subquery with {@code offset 0} is planned on its own, so the plan is the same whatever
     * the statistics say (with none, on a small table, a plain join was planned as a scan of every article per row).
     */
    private static final String FROM_REGION = """
            from article_region r
            cross join lateral (select * from article where article.id = r.article_id offset 0) a%s
            where a.deleted_at is null""";

    private static final String REGION_KEY = "r.published_key";

    /** A row of the page: its place, and what its summary is a function of but its publisher. */
    private record Listed(
            UUID id,
            long version,
            String locale,
            List<String> translationLocales,
            Instant publishedAt,
            Instant updatedAt,
            String title) {

        static final RowMapper<Listed> ROW = (rs, context) -> new Listed(
                rs.getObject("id", UUID.class),
                rs.getLong("version"),
                rs.getString("locale"),
                Database.strings(rs, "translation_locales"),
                Database.instant(rs, "published_at"),
                Database.instant(rs, "updated_at"),
                rs.getString("title"));

        /** What its summary is, served in the best of its locales for these preferences. */
        Representation in(List<Locale.LanguageRange> preferences) {
            return new Representation(id, version, Locales.choose(preferences, locale, translationLocales));
        }
    }

    /**
     * What a summary is a function of, but its publisher: the article's version and the locale it is served in. A kept
     * summary serves only while its article's change stamp, which every publisher change moves, holds.
     */
    private record Representation(UUID id, long version, String locale) {}

    /** A row of {@link #BY_IDS}: its place and the article as a list shows it. */
    private record Read(Listed listed, ArticleState state) {

        static final RowMapper<Read> ROW = (rs, context) -> new Read(
                Listed.ROW.map(rs, context),
                ArticleState.read(rs, context, ArticleState.publishedTexts(rs, "translated_locales", null)));

        /** A row of {@link #SUMMARIES}, a page read whole, without translated texts. */
        static final RowMapper<Read> WHOLE =
                (rs, context) -> new Read(Listed.ROW.map(rs, context), ArticleState.read(rs, context, List.of()));
    }

    /** What a kept summary takes on the heap beyond its JSON: its key, the cache's entry and the objects around. */
    private static final int ENTRY_BYTES = 200;

    /** How long a list whose page found most of its summaries not kept is read whole, page after page. */
    private static final Duration READ_WHOLE_FOR = Duration.ofSeconds(10);

    /** A summary as written in JSON, and the article's change stamp taken before it was read. */
    private record Kept(EncodedJson summary, long stamp) {}

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final ResponseCache changes;
    /**
     * Whether any summary is kept; when none is, each page is read whole in one statement (a cache of no weight would
     * still evict each entry as it is put).
     */
    private final boolean keeps;
    /** The summaries written, as much as the configured MiB hold. */
    private final Cache<Representation, Kept> kept;
    /**
     * Lists (by their cursors' fingerprint: filters and order) whose last page found most of its summaries not kept,
     * as a walk through pages no one listed does: for a while their pages are read whole in one statement, which
     * costs such a page what it cost before summaries were kept, and keeps them.
     */
    private final Cache<String, Boolean> walked = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(READ_WHOLE_FOR)
            .build();
    /**
     * Pages of walked lists served since their list was found walked: the same page asked again (readers of one deep
     * page, not a walk) had its summaries kept when it was read, so it is read as any other page.
     */
    private final Cache<ListedPage, Boolean> servedWhileWalked = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(READ_WHOLE_FOR)
            .build();

    /** A page of a list: its filters and order (the cursors' fingerprint), where it starts and how long it is. */
    private record ListedPage(String fingerprint, Cursor after, int limit) {}

    ArticleListQuery(Jdbi jdbi, ObjectMapper json, ResponseCache changes, ArticleConfig config) {
        this.jdbi = jdbi;
        this.json = json;
        this.changes = changes;
        this.keeps = config.keptSummariesMib() > 0;
        this.kept = Caffeine.newBuilder()
                .maximumWeight(config.keptSummariesMib() * 1024L * 1024L)
                .<Representation, Kept>weigher(
                        (key, written) -> written.summary().size() + ENTRY_BYTES)
                .build();
    }

    Page<EncodedJson> page(
            ArticleFilter filter,
            ArticleSort sort,
            Cursor after,
            int limit,
            List<Locale.LanguageRange> preferences,
            String fingerprint,
            boolean afterAWrite) {
        return jdbi.withHandle(handle -> {
            List<Listed> rows = null;
            List<EncodedJson> summaries = null;
            ListedPage page = new ListedPage(fingerprint, after, limit);
            boolean walk = walked.getIfPresent(fingerprint) != null && servedWhileWalked.getIfPresent(page) == null;
            // a reader after a write (Read-After) may have renamed a publisher through another instance, whose change
            // this one has not heard of yet: the stamps would not have moved, so the page is read whole, names and all
            if (keeps && !walk && !afterAWrite) {
                rows = statement(filter, sort, after, limit + 1)
                        .query(handle)
                        .map(Listed.ROW)
                        .list();
                summaries = summaries(handle, rows, preferences, fingerprint);
            }
            if (summaries == null) {
                // nothing is kept, the list is being walked, the reader is after a write, or an article changed
                // between the two statements: the page whole, in one, its summaries kept if no article or publisher
                // changed meanwhile
                long before = changes.articleChanges();
                List<Read> reads = statement(filter, sort, after, limit + 1, SUMMARIES + "\n", WITH_PUBLISHER)
                        .query(handle)
                        .map(Read.WHOLE)
                        .list();
                Map<UUID, String> served = new HashMap<>();
                for (Read read : reads) {
                    served.put(read.listed().id(), read.listed().in(preferences).locale());
                }
                Map<UUID, ArticleContent.Localized> texts = translations(handle, reads, served);
                List<Long> stamps = reads.stream()
                        .map(read -> changes.articleStamp(read.listed().id()))
                        .toList();
                boolean keep = keeps && before != -1 && changes.articleChanges() == before;
                rows = reads.stream().map(Read::listed).toList();
                summaries = new ArrayList<>(reads.size());
                for (int i = 0; i < reads.size(); i++) {
                    Listed row = reads.get(i).listed();
                    ArticleContent.Localized text = texts.get(row.id());
                    EncodedJson summary = EncodedJson.of(
                            json,
                            text == null
                                    ? reads.get(i).state().summaryIn(served.get(row.id()))
                                    : reads.get(i).state().summaryWith(text));
                    if (keep) {
                        kept.put(row.in(preferences), new Kept(summary, stamps.get(i)));
                    }
                    summaries.add(summary);
                }
            }
            if (keeps && walked.getIfPresent(fingerprint) != null) {
                servedWhileWalked.put(page, Boolean.TRUE);
            }
            List<Listed> placed = rows;
            return Page.fromLookahead(summaries, limit, last -> cursorAfter(placed.get(limit - 1), sort, fingerprint));
        });
    }

    /**
     * The rows' summaries in their served locales, kept or read by id; null when an article changed since the page was
     * read, whose summary would then not be that of the version that placed it. A kept summary serves while its
     * article's change stamp has not moved: a change written with SQL may leave the version as it was.
     */
    private List<EncodedJson> summaries(
            Handle handle, List<Listed> rows, List<Locale.LanguageRange> preferences, String fingerprint) {
        List<EncodedJson> summaries = new ArrayList<>(rows.size());
        Map<UUID, Long> unwritten = new HashMap<>();
        List<String> servedIn = new ArrayList<>();
        for (Listed row : rows) {
            Representation key = row.in(preferences);
            Kept written = kept.getIfPresent(key);
            long stamp = changes.articleStamp(row.id());
            boolean holds = written != null && stamp != -1 && written.stamp() == stamp;
            summaries.add(holds ? written.summary() : null);
            if (!holds) {
                unwritten.put(row.id(), stamp);
                servedIn.add(key.locale());
            }
        }
        if (unwritten.isEmpty()) {
            return summaries;
        }
        if (unwritten.size() * 2 > rows.size()) {
            walked.put(fingerprint, Boolean.TRUE);
        }
        UUID[] ids =
                rows.stream().map(Listed::id).filter(unwritten::containsKey).toArray(UUID[]::new);
        Map<UUID, Read> reads = new HashMap<>();
        handle.createQuery(BY_IDS)
                .bind("ids", ids)
                .bind("locales", servedIn.toArray(String[]::new))
                .map(Read.ROW)
                .forEach(read -> reads.put(read.listed().id(), read));
        for (int i = 0; i < rows.size(); i++) {
            Listed row = rows.get(i);
            if (summaries.get(i) == null) {
                Read read = reads.get(row.id());
                if (read == null || read.listed().version() != row.version()) {
                    return null;
                }
                Representation key = row.in(preferences);
                EncodedJson summary = EncodedJson.of(json, read.state().summaryIn(key.locale()));
                long stamp = unwritten.get(row.id());
                if (keeps && stamp != -1) {
                    kept.put(key, new Kept(summary, stamp));
                }
                summaries.set(i, summary);
            }
        }
        return summaries;
    }

    /** Title and summary of every row of a page read whole that is served in a translation, in one statement, by id. */
    private static Map<UUID, ArticleContent.Localized> translations(
            Handle handle, List<Read> rows, Map<UUID, String> served) {
        List<UUID> ids = new ArrayList<>();
        List<String> locales = new ArrayList<>();
        for (Read row : rows) {
            String locale = served.get(row.listed().id());
            if (!locale.equals(row.listed().locale())) {
                ids.add(row.listed().id());
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

    /**
     * The page's statement: {@code rows} rows after the cursor, read from article_region for a region's newest, each
     * with what places it and decides its summary.
     */
    static Sql statement(ArticleFilter filter, ArticleSort sort, Cursor after, int rows) {
        boolean byTitle = sort == ArticleSort.TITLE || sort == ArticleSort.TITLE_DESC;
        return statement(filter, sort, after, rows, KEYS.formatted(byTitle ? "a.title" : "null::text"), "");
    }

    /** The page's statement with these columns, and with {@link #WITH_PUBLISHER} when they name the publisher's. */
    private static Sql statement(
            ArticleFilter filter, ArticleSort sort, Cursor after, int rows, String columns, String join) {
        boolean byRegion =
                filter.region() != null && (sort == ArticleSort.PUBLISHED_AT_DESC || sort == ArticleSort.PUBLISHED_AT);
        // the status is written out: a rare one (in review) is better read another way than the published many
        String status = filter.status() == null ? null : Sql.literal(filter.status());
        Sql sql = new Sql(columns);
        if (byRegion) {
            // the region alone, or with the publisher or category in the one expression an index is keyed on
            sql.append(FROM_REGION.formatted(join));
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
            sql.append(FROM_ARTICLE.formatted(join))
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

    private static String cursorAfter(Listed row, ArticleSort sort, String fingerprint) {
        String key = switch (sort) {
            case PUBLISHED_AT, PUBLISHED_AT_DESC ->
                row.publishedAt() == null ? "-infinity" : InstantText.format(row.publishedAt());
            case UPDATED_AT, UPDATED_AT_DESC -> InstantText.format(row.updatedAt());
            case TITLE, TITLE_DESC -> row.title();
        };
        return new Cursor(fingerprint, List.of(key, row.id().toString())).encode();
    }
}
