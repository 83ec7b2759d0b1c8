package cn.fucai.cms.sync;

import cn.fucai.cms.common.replica.ReadRouting;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.sync.SyncDtos.MediaSyncItem;
import cn.fucai.cms.sync.SyncDtos.MediaSyncPage;
import cn.fucai.cms.sync.SyncDtos.SyncItem;
import cn.fucai.cms.sync.SyncDtos.SyncPage;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * The partner sync protocol, the same for every feed ({@link SyncFeed}: articles, media). Without a cursor: a snapshot
 * of what mirrors hold, page by page, then a cursor into the change feed from where the snapshot started. With a feed
 * cursor: every item changed since, as it is now — {@code upsert} when mirrors hold it, {@code remove} with a reason
 * otherwise — in (transaction id, sequence) order, and only changes of transactions older than the oldest one still
 * running, so that none can commit behind a reader's cursor.
 */
@ApplicationScoped
public class SyncService {

    /**
     * A feed page after (:xid, :seq) of a change table, and whether that position is still held (not before the
     * changes pruned); the caller adds the publisher filter and the limit.
     */
    private static final String FEED = """
            with horizon as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin),
                 hidden as (select exists (select 1 from %1$s, horizon
                                           where (xid, seq) > (cast(:xid as xid8), :seq) and xid >= horizon.xmin) as any),
                 held as (select exists (select 1 from %1$s_pruned
                                         where (xid, seq) <= (cast(:xid as xid8), :seq)) as position)
            select c.xid::text as xid, c.seq, c.item_id, hidden.any as hidden_after, held.position as held
            from hidden cross join held left join lateral (
                select xid, seq, %2$s as item_id from %1$s, horizon
                where (xid, seq) > (cast(:xid as xid8), :seq) and xid < horizon.xmin""";

    private final ArticleFeed articles;
    private final MediaFeed media;
    private final Jdbi jdbi;
    private final ReadRouting routing;
    private final Clock clock;
    private final Duration retention;
    private final Map<String, AtomicLong> lastPrune = new ConcurrentHashMap<>();
    private volatile SyncCursor.Signer signer;

    SyncService(ArticleFeed articles, MediaFeed media, Jdbi jdbi, ReadRouting routing, Clock clock, SyncConfig config) {
        this.articles = articles;
        this.routing = routing;
        this.media = media;
        this.jdbi = jdbi;
        this.clock = clock;
        this.retention = Duration.ofDays(config.retentionDays());
    }

    /** One page of the article feed for a mirror of one publisher (or all) reading in one locale. */
    public SyncPage page(String cursorParam, int limit, UUID publisherId, Locale locale) {
        FeedPage<SyncItem> page =
                follow(articles, cursorParam, limit, publisherId, locale == null ? null : locale.toLanguageTag());
        return new SyncPage(page.items(), page.nextCursor(), page.hasMore(), page.settled());
    }

    /** One page of the media feed for a mirror of one publisher (or all). */
    public MediaSyncPage mediaPage(String cursorParam, int limit, UUID publisherId) {
        FeedPage<MediaSyncItem> page = follow(media, cursorParam, limit, publisherId, null);
        return new MediaSyncPage(page.items(), page.nextCursor(), page.hasMore(), page.settled());
    }

    /** A page of any feed; {@code settled} as in {@link SyncPage}. */
    private record FeedPage<I>(List<I> items, String nextCursor, boolean hasMore, boolean settled) {}

    /**
     * Plain SQL without a transaction: each statement reads committed data, and the feed's xmin rule makes that
     * enough. A feed page may be read from a replica: a standby's snapshot counts every transaction it has not seen end
     * as still running, so its horizon never passes a change it has not replayed. A snapshot's pages are read from the
     * primary: the position they continue from was taken there.
     */
    private <S, I> FeedPage<I> follow(
            SyncFeed<S, I> feed, String cursorParam, int limit, UUID publisherId, String locale) {
        pruneNowAndThen(feed);
        String query = feed.cursorScope(publisherId, locale);
        if (cursorParam == null) {
            // a snapshot is read on the primary: a replica behind the position where it started would leave a gap
            routing.primaryForThisRequest();
        }
        SyncCursor cursor = cursorParam == null
                ? SyncCursor.startOfSnapshot(snapshotXmin(), query)
                : SyncCursor.decode(cursorParam, signer(), query);
        if (cursor.snapshot()) {
            routing.primaryForThisRequest();
        }
        return cursor.snapshot()
                ? snapshotPage(feed, cursor, limit, publisherId, locale)
                : feedPage(feed, cursor, limit, publisherId, locale);
    }

    private <S, I> FeedPage<I> snapshotPage(
            SyncFeed<S, I> feed, SyncCursor cursor, int limit, UUID publisherId, String locale) {
        List<S> page = feed.publishedAfter(publisherId, cursor.afterItem(), limit);
        // Rendered as they are now: one unpublished since the page was chosen is already a removal.
        List<I> items = feed.items(page, publisherId, locale);
        if (page.size() < limit) {
            // The snapshot is done; the feed goes on from the transactions still open when it began.
            return new FeedPage<>(
                    items, SyncCursor.feed(cursor.xid(), 0, cursor.query()).encode(signer()), true, true);
        }
        UUID last = feed.idOf(page.get(page.size() - 1));
        SyncCursor next = new SyncCursor(true, last, cursor.xid(), 0, cursor.query());
        return new FeedPage<>(items, next.encode(signer()), true, true);
    }

    private <S, I> FeedPage<I> feedPage(
            SyncFeed<S, I> feed, SyncCursor cursor, int limit, UUID publisherId, String locale) {
        Sql changes = new Sql(FEED.formatted(
                        feed.changeLog().table(), feed.changeLog().idColumn()))
                .bind("xid", cursor.xid())
                .bind("seq", cursor.seq());
        changes.appendIfSet(" and publisher_id = :publisher", "publisher", publisherId);
        changes.append(" order by xid, seq").limit(limit + 1).append(") c on true");
        // One statement, so one snapshot: whether the cursor's position is still held, the changes visible now, and
        // whether any later one is still hidden behind a transaction older than its own. A page that stops short of
        // hidden changes is not settled: they appear when that transaction ends, with no notification of their own.
        List<Change> rows = jdbi.withHandle(handle -> changes.query(handle)
                .map((rs, context) -> new Change(
                        rs.getString("xid"),
                        rs.getLong("seq"),
                        rs.getObject("item_id", UUID.class),
                        rs.getBoolean("hidden_after"),
                        rs.getBoolean("held")))
                .list());
        if (!rows.get(0).held()) {
            throw new CursorGoneException(
                    "points before changes pruned after the " + retention.toDays() + "-day retention window");
        }
        boolean hidden = rows.get(0).hiddenAfter();
        List<Change> found = rows.size() == 1 && rows.get(0).itemId() == null ? List.of() : rows;
        boolean hasMore = found.size() > limit;
        List<Change> shown = hasMore ? found.subList(0, limit) : found;
        LinkedHashSet<UUID> ids = new LinkedHashSet<>();
        // An item changed several times in one page is reported once, as it is now, at its last change.
        for (int i = shown.size() - 1; i >= 0; i--) {
            ids.add(shown.get(i).itemId());
        }
        List<UUID> ordered = new ArrayList<>(ids);
        Collections.reverse(ordered);
        Map<UUID, S> current = feed.byIds(ordered);
        List<I> items = feed.items(ordered.stream().map(current::get).toList(), publisherId, locale);
        SyncCursor next = shown.isEmpty()
                ? cursor
                : SyncCursor.feed(
                        shown.get(shown.size() - 1).xid(),
                        shown.get(shown.size() - 1).seq(),
                        cursor.query());
        return new FeedPage<>(items, next.encode(signer()), hasMore, hasMore || !hidden);
    }

    /**
     * One row of a change log, whether changes after the feed's horizon were hidden when it was read, and whether the
     * cursor's position was still held.
     */
    private record Change(String xid, long seq, UUID itemId, boolean hiddenAfter, boolean held) {}

    private String snapshotXmin() {
        return jdbi.withHandle(handle -> handle.createQuery("select pg_snapshot_xmin(pg_current_snapshot())::text")
                .mapTo(String.class)
                .one());
    }

    /** What signs cursors with the service's key, read once (every instance shares it). */
    private SyncCursor.Signer signer() {
        if (signer == null) {
            signer = new SyncCursor.Signer(
                    jdbi.withHandle(handle -> handle.createQuery("select key from sync_key where id = 1")
                                    .mapTo(String.class)
                                    .one())
                            .getBytes(StandardCharsets.UTF_8));
        }
        return signer;
    }

    /** Drops a feed's changes older than the retention window, at most once an hour, keeping the newest dropped position. */
    private void pruneNowAndThen(SyncFeed<?, ?> feed) {
        AtomicLong lastPruned = lastPrune.computeIfAbsent(feed.changeLog().table(), table -> new AtomicLong());
        long now = clock.millis();
        long last = lastPruned.get();
        if (now - last < Duration.ofHours(1).toMillis() || !lastPruned.compareAndSet(last, now)) {
            return;
        }
        routing.primaryForThisRequest();
        jdbi.useHandle(
                handle -> handle.createUpdate("""
                        with gone as (delete from %1$s where changed_at < :cutoff returning xid, seq),
                             newest as (select xid, seq from gone order by xid desc, seq desc limit 1)
                        update %1$s_pruned p set xid = newest.xid, seq = newest.seq from newest
                        where (newest.xid, newest.seq) > (p.xid, p.seq)""".formatted(feed.changeLog().table()))
                        .bind("cutoff", clock.instant().minus(retention))
                        .execute());
    }
}
