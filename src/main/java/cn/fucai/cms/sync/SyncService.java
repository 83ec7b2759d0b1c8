package cn.fucai.cms.sync;

import cn.fucai.cms.article.ArticleResponse;
import cn.fucai.cms.article.ArticleState;
import cn.fucai.cms.article.ArticleStates;
import cn.fucai.cms.article.ArticleStatus;
import cn.fucai.cms.common.http.Hashes;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.sync.SyncDtos.SyncItem;
import cn.fucai.cms.sync.SyncDtos.SyncPage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * The partner sync protocol. Without a cursor: a snapshot of the published articles, page by page, then a cursor into
 * the change feed from where the snapshot started. With a feed cursor: every article changed since, as it is now —
 * {@code upsert} when published, {@code remove} with a reason otherwise — in (transaction id, sequence) order, and only
 * changes of transactions older than the oldest one still running, so that none can commit behind a reader's cursor.
 */
@ApplicationScoped
public class SyncService {

    /** A feed page after (:xid, :seq); the caller adds the publisher filter and closes it with the limit. */
    private static final String FEED = """
            with horizon as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin),
                 hidden as (select exists (select 1 from article_change, horizon
                                           where (xid, seq) > (cast(:xid as xid8), :seq) and xid >= horizon.xmin) as any)
            select c.xid::text as xid, c.seq, c.article_id, hidden.any as hidden_after from hidden left join lateral (
                select xid, seq, article_id from article_change, horizon
                where (xid, seq) > (cast(:xid as xid8), :seq) and xid < horizon.xmin""";

    private final ArticleStates states;
    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration retention;
    private final ObjectMapper canonical;
    private final AtomicLong lastPrune = new AtomicLong();
    private volatile byte[] key;

    SyncService(ArticleStates states, Jdbi jdbi, Clock clock, ObjectMapper json, SyncConfig config) {
        this.states = states;
        this.jdbi = jdbi;
        this.clock = clock;
        this.retention = Duration.ofDays(config.retentionDays());
        this.canonical = json.copy()
                .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /**
     * One page of the protocol for a mirror of one publisher (or all) reading in one locale. Plain SQL without a
     * transaction: each statement reads committed data, and the feed's xmin rule makes that enough.
     */
    public SyncPage page(String cursorParam, int limit, UUID publisherId, Locale requested) {
        String locale = requested == null ? null : requested.toLanguageTag();
        pruneNowAndThen();
        String query = (publisherId == null ? "*" : publisherId.toString()) + "/" + (locale == null ? "" : locale);
        SyncCursor cursor = cursorParam == null
                ? SyncCursor.startOfSnapshot(snapshotXmin(), query)
                : SyncCursor.decode(cursorParam, key(), query);
        return cursor.snapshot()
                ? snapshotPage(cursor, limit, publisherId, locale)
                : feedPage(cursor, limit, publisherId, locale);
    }

    private SyncPage snapshotPage(SyncCursor cursor, int limit, UUID publisherId, String locale) {
        List<ArticleState> page = states.publishedAfter(publisherId, cursor.afterArticle(), limit);
        // Rendered as they are now: one unpublished since the page was chosen is already a removal.
        List<SyncItem> items =
                page.stream().map(a -> item(a, publisherId, locale)).toList();
        if (page.size() < limit) {
            // The snapshot is done; the feed goes on from the transactions still open when it began.
            return new SyncPage(
                    items, SyncCursor.feed(cursor.xid(), 0, cursor.query()).encode(key()), true, true);
        }
        SyncCursor next = new SyncCursor(true, page.get(page.size() - 1).id(), cursor.xid(), 0, cursor.query());
        return new SyncPage(items, next.encode(key()), true, true);
    }

    private SyncPage feedPage(SyncCursor cursor, int limit, UUID publisherId, String locale) {
        boolean reachable = jdbi.withHandle(handle -> handle.createQuery(
                        "select 1 from article_change_pruned where (xid, seq) <= (cast(:xid as xid8), :seq)")
                .bind("xid", cursor.xid())
                .bind("seq", cursor.seq())
                .mapTo(Integer.class)
                .findFirst()
                .isPresent());
        if (!reachable) {
            throw new CursorGoneException(
                    "points before changes pruned after the " + retention.toDays() + "-day retention window");
        }
        Sql feed = new Sql(FEED).bind("xid", cursor.xid()).bind("seq", cursor.seq());
        feed.appendIfSet(" and publisher_id = :publisher", "publisher", publisherId);
        feed.append(" order by xid, seq limit :rows) c on true", "rows", limit + 1);
        // One statement, so one snapshot: the changes visible now, and whether any later one is still hidden behind
        // a transaction older than its own. A page that stops short of hidden changes is not settled: they appear
        // when that transaction ends, with no notification of their own.
        List<Change> rows = jdbi.withHandle(handle -> feed.query(handle)
                .map((rs, context) -> new Change(
                        rs.getString("xid"),
                        rs.getLong("seq"),
                        rs.getObject("article_id", UUID.class),
                        rs.getBoolean("hidden_after")))
                .list());
        boolean hidden = !rows.isEmpty() && rows.get(0).hiddenAfter();
        List<Change> changes = rows.size() == 1 && rows.get(0).articleId() == null ? List.of() : rows;
        boolean hasMore = changes.size() > limit;
        List<Change> shown = hasMore ? changes.subList(0, limit) : changes;
        LinkedHashSet<UUID> ids = new LinkedHashSet<>();
        // An article changed several times in one page is reported once, as it is now, at its last change.
        for (int i = shown.size() - 1; i >= 0; i--) {
            ids.add(shown.get(i).articleId());
        }
        List<UUID> ordered = new ArrayList<>(ids);
        Collections.reverse(ordered);
        Map<UUID, ArticleState> current = states.byIds(ordered);
        List<SyncItem> items = ordered.stream()
                .map(id -> item(current.get(id), publisherId, locale))
                .toList();
        SyncCursor next = shown.isEmpty()
                ? cursor
                : SyncCursor.feed(
                        shown.get(shown.size() - 1).xid(),
                        shown.get(shown.size() - 1).seq(),
                        cursor.query());
        return new SyncPage(items, next.encode(key()), hasMore, hasMore || !hidden);
    }

    /** One row of the change log, and whether changes after the feed's horizon were hidden when it was read. */
    private record Change(String xid, long seq, UUID articleId, boolean hiddenAfter) {}

    private SyncItem item(ArticleState article, UUID publisherId, String locale) {
        if (article.isDeleted()) {
            return remove(article, "deleted");
        }
        if (publisherId != null && !article.publisher().id().equals(publisherId)) {
            return remove(article, "moved");
        }
        if (article.status() != ArticleStatus.published) {
            return remove(article, article.status() == ArticleStatus.archived ? "archived" : "unpublished");
        }
        return upsert(article, locale);
    }

    private static SyncItem remove(ArticleState article, String reason) {
        return new SyncItem("remove", article.id(), reason, null, null);
    }

    private SyncItem upsert(ArticleState article, String locale) {
        ArticleResponse view = article.publicView(locale);
        return new SyncItem("upsert", article.id(), null, view, contentHash(view));
    }

    /** SHA-256 of the canonical JSON: properties in alphabetical order, no whitespace, UTF-8. */
    String contentHash(ArticleResponse article) {
        try {
            return Hashes.sha256Hex(canonical.writeValueAsBytes(article));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String snapshotXmin() {
        return jdbi.withHandle(handle -> handle.createQuery("select pg_snapshot_xmin(pg_current_snapshot())::text")
                .mapTo(String.class)
                .one());
    }

    private byte[] key() {
        if (key == null) {
            key = jdbi.withHandle(handle -> handle.createQuery("select key from sync_key where id = 1")
                            .mapTo(String.class)
                            .one())
                    .getBytes(StandardCharsets.UTF_8);
        }
        return key;
    }

    /** Drops changes older than the retention window, at most once an hour, remembering the newest dropped position. */
    private void pruneNowAndThen() {
        long now = clock.millis();
        long last = lastPrune.get();
        if (now - last < Duration.ofHours(1).toMillis() || !lastPrune.compareAndSet(last, now)) {
            return;
        }
        jdbi.useHandle(handle -> handle.createUpdate("""
                        with gone as (delete from article_change where changed_at < :cutoff returning xid, seq),
                             newest as (select xid, seq from gone order by xid desc, seq desc limit 1)
                        update article_change_pruned p set xid = newest.xid, seq = newest.seq from newest
                        where (newest.xid, newest.seq) > (p.xid, p.seq)""")
                .bind("cutoff", clock.instant().minus(retention))
                .execute());
    }
}
