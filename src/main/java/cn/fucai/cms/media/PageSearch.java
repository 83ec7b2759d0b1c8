package cn.fucai.cms.media;

import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.sql.Database;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.common.text.SearchQuery;
import cn.fucai.cms.media.MediaDtos.PageHit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The search of the library's PDFs page by page (media_page): the pages that say every word of a query, newest PDF
 * first, then page by page.
 *
 * <p>One statement, which PostgreSQL plans for its words each time: a common word's page of hits is read from the
 * newest PDFs, page by page, stopping at the last hit wanted; a rare word's few matches through the GIN index, then
 * sorted. What it may not do is what it chose for a word in between when left alone: walk the PDFs newest first and
 * compare each with every match held in memory ({@code enable_material = off} for the statement), whose cost grows
 * with both — 70 ms for a city named on 249 of 100,000 pages against 6 ms (bench/pdf-search.sh, docs/performance.md).
 * Planned once for all words, it read a publisher's PDFs for a common word the slow way too: 33 ms against 2.
 */
@ApplicationScoped
class PageSearch {

    /** What the statement's plan may not do, for its transaction only. */
    static final String PLANNER_SETTINGS = "set local enable_material = off";

    @Inject
    Jdbi jdbi;

    @Inject
    MediaReads reads;

    /**
     * Pages of live PDFs the caller may see ({@code scope}: the publishers whose unpublished items it may see, null for
     * all; beyond them, what published content uses) that say every word of the query. One row more than
     * {@code limit}, to tell whether another page follows.
     */
    Page<PageHit> search(SearchQuery query, UUID publisherId, Set<UUID> scope, String cursorParam, int limit) {
        String fingerprint = Cursor.fingerprint("pages", query, publisherId);
        Cursor after = Cursor.decode(cursorParam, fingerprint, 3);
        Sql statement = statement(query, publisherId, scope, after, limit + 1);
        List<Found> found = jdbi.withHandle(handle -> handle.inTransaction(transaction -> {
            transaction.execute(PLANNER_SETTINGS);
            return statement
                    .query(transaction)
                    .map((rs, context) -> new Found(
                            new PageHit(
                                    new DocumentRef(
                                            rs.getObject("id", UUID.class),
                                            rs.getString("sha256"),
                                            reads.url(rs.getString("sha256"), "original"),
                                            rs.getString("original_name"),
                                            rs.getInt("pages")),
                                    rs.getString("title"),
                                    rs.getInt("page"),
                                    query.passageIn(rs.getString("text")).orElse(""),
                                    rs.getBoolean("ocr")),
                            Database.instant(rs, "created_at")))
                    .list();
        }));
        return Page.fromLookahead(
                        found,
                        limit,
                        last -> new Cursor(
                                        fingerprint,
                                        List.of(
                                                last.createdAt().toString(),
                                                last.hit().document().id().toString(),
                                                Integer.toString(last.hit().page())))
                                .encode())
                .map(Found::hit);
    }

    /** The statement of a search: {@code rows} hits at most, after the cursor's. */
    static Sql statement(SearchQuery query, UUID publisherId, Set<UUID> scope, Cursor after, int rows) {
        Sql sql = new Sql("""
                        select m.id, m.sha256, m.original_name, m.pages, m.title, m.created_at, g.page, g.text, g.ocr
                        from media_page g join media m on m.id = g.media_id
                        where m.deleted_at is null and""").append(" ").append(matches(query));
        sql.appendIfSet(" and m.publisher_id = :publisher", "publisher", publisherId);
        if (scope != null) {
            sql.append(
                    " and (m.publisher_id = any(:scope)"
                            + " or exists (select 1 from media_use u where u.media_id = m.id and u.visible))",
                    "scope",
                    scope.toArray(UUID[]::new));
        }
        if (after != null) {
            sql.append(" and (m.created_at < :afterTime or m.created_at = :afterTime"
                            + " and (m.id < :afterId or m.id = :afterId and g.page > :afterPage))")
                    .bind("afterTime", after.instantKey(0))
                    .bind("afterId", after.uuidKey(1))
                    .bind("afterPage", after.intKey(2));
        }
        // how common the words are decides between reading the newest PDFs and the GIN index
        return sql.append(" order by m.created_at desc, m.id desc, g.page")
                .limit(rows)
                .plannedEachTime();
    }

    /** The page g says every word: its words through the index, and each longer Chinese run as written. */
    private static Sql matches(SearchQuery query) {
        return new Sql("g.document @@ ")
                .append(query.tsquery())
                .append(query.runsIn("g.text", "g.document", false, "run"));
    }

    private record Found(PageHit hit, Instant createdAt) {}
}
