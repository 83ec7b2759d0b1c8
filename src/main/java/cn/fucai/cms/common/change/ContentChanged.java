package cn.fucai.cms.common.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One write, fired by the service that made it, inside its transaction: every write fires exactly one. Its observers
 * keep what a write must leave behind, in the same transaction: the audit entry (security.AuditLog), the partner
 * change feed (sync.ChangeFeed) and the webhook outbox (webhook.WebhookOutbox); PostgreSQL's triggers tell the
 * response cache which tables changed. A batch is one event with many {@code written}.
 *
 * @param kind what was written
 * @param notices what readers outside are told, if anything: the writer decides, as only it knows what the change
 *     means to them (a draft saved is no news, an article published is)
 */
public record ContentChanged(
        ContentKind kind, ChangeAction action, List<Written> written, Instant at, List<Notice> notices) {

    /**
     * One resource written: its id, the publisher it belongs to (null for none), the one it belonged to before when a
     * write moved it, and its state before and after (null when there is none).
     */
    public record Written(Object id, UUID publisherId, UUID formerPublisherId, Object before, Object after) {}

    /** An event for webhook receivers: its type, the publisher it concerns and what they receive. */
    public record Notice(PublicEvent type, UUID publisherId, Object data) {}

    public ContentChanged {
        written = List.copyOf(written);
        notices = List.copyOf(notices);
    }

    /** One resource written, telling nobody outside. */
    public static ContentChanged of(
            ContentKind kind,
            ChangeAction action,
            Object id,
            UUID publisherId,
            Object before,
            Object after,
            Instant at) {
        return new ContentChanged(
                kind, action, List.of(new Written(id, publisherId, null, before, after)), at, List.of());
    }

    /** This change, moving the resource from {@code formerPublisherId} when that differs from its publisher now. */
    public ContentChanged movedFrom(UUID formerPublisherId) {
        List<Written> moved = written.stream()
                .map(w -> formerPublisherId == null || formerPublisherId.equals(w.publisherId())
                        ? w
                        : new Written(w.id(), w.publisherId(), formerPublisherId, w.before(), w.after()))
                .toList();
        return new ContentChanged(kind, action, moved, at, notices);
    }

    /** This change, also telling webhook receivers {@code type} about {@code publisherId}. */
    public ContentChanged announcing(PublicEvent type, UUID publisherId, Object data) {
        List<Notice> more = new ArrayList<>(notices);
        more.add(new Notice(type, publisherId, data));
        return new ContentChanged(kind, action, written, at, more);
    }
}
