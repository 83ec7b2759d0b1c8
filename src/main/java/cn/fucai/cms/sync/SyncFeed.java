package cn.fucai.cms.sync;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A change feed partner mirrors follow ({@link SyncService}): the table its changes are noted in, and its items as a
 * mirror must see them. Articles and media are the two.
 *
 * @param <S> an item as it is stored now, deleted or not
 * @param <I> what a mirror must do with it: store it, or remove it
 */
interface SyncFeed<S, I> {

    /**
     * A log of changes: {@code (seq, xid, <idColumn>, publisher_id, changed_at)} ordered by (xid, seq), with the
     * newest pruned position in a table of the same name and {@code _pruned}.
     */
    record ChangeLog(String table, String idColumn) {}

    ChangeLog changeLog();

    /** What cursors of this feed are bound to beside the publisher (and the locale): a cursor of one feed fails in another. */
    String cursorScope(UUID publisherId, String locale);

    /** One page of the snapshot: items mirrors hold now, in id order after {@code afterId}. */
    List<S> publishedAfter(UUID publisherId, UUID afterId, int limit);

    /** The items as they are now, deleted or not, by id. */
    Map<UUID, S> byIds(Collection<UUID> ids);

    UUID idOf(S item);

    /**
     * What a mirror of {@code publisherId} (null: all) reading in {@code locale} must do with each item now, in their
     * order.
     */
    List<I> items(List<S> items, UUID publisherId, String locale);
}
