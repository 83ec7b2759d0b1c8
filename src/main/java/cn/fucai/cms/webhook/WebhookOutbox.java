package cn.fucai.cms.webhook;

import cn.fucai.cms.common.change.ContentChanged;
import cn.fucai.cms.common.change.PublicEvent;
import cn.fucai.cms.common.sql.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.id.uuid.UuidVersion7Strategy;
import org.jdbi.v3.core.Jdbi;

/**
 * Records the events a write announces ({@link ContentChanged#notices()}), and one pending delivery for each webhook
 * that wants them, in the write's transaction: a crash after the commit loses nothing, a rollback sends nothing.
 */
@ApplicationScoped
public class WebhookOutbox {

    @Inject
    Jdbi jdbi;

    /** The live webhooks that want an event type about a publisher's resource, as a condition on {@code webhook w}. */
    private static final String SUBSCRIBERS = """
            w.disabled_at is null and w.events && :events::text[] and (w.publisher_id is null or w.publisher_id = :publisher)""";

    /** Writes an outbox event for each notice of a write that a live webhook wants, in the write's transaction. */
    void onChange(@Observes ContentChanged change) {
        for (ContentChanged.Notice notice : change.notices()) {
            // asked first, so that a payload nobody wants (a batch naming thousands of figures) is never written
            if (subscribed(notice.type(), notice.publisherId())) {
                publish(notice.type(), notice.publisherId(), notice.data(), change.at());
            }
        }
    }

    /** Whether a live webhook would receive {@code type} about {@code publisherId}. */
    private boolean subscribed(PublicEvent type, UUID publisherId) {
        return jdbi.withHandle(handle -> handle.createQuery("select 1 from webhook w where " + SUBSCRIBERS)
                .bind("events", type.receivedBy())
                .bind("publisher", publisherId)
                .mapTo(Integer.class)
                .findFirst()
                .isPresent());
    }

    /** Publishes {@code type} about a resource of {@code publisherId} at the write's moment; receivers get {@code data}. */
    private void publish(PublicEvent type, UUID publisherId, Object data, Instant now) {
        UUID eventId = UuidVersion7Strategy.INSTANCE.generateUuid(null);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type.wireName());
        payload.put("timestamp", now.toString());
        payload.put("data", data);
        jdbi.useHandle(handle -> {
            // Only events someone subscribed to are kept: the outbox is a queue, not an archive (the audit log is
            // that).
            int stored = handle.createUpdate("""
                            insert into webhook_event (id, event_type, publisher_id, payload, created_at)
                            select :id, :type, :publisher, :payload, :now
                            where exists (select 1 from webhook w where %s)""".formatted(SUBSCRIBERS))
                    .bind("id", eventId)
                    .bind("type", type.wireName())
                    .bind("publisher", publisherId)
                    .bind("payload", Database.jsonb(payload))
                    .bind("now", now)
                    .bind("events", type.receivedBy())
                    .execute();
            if (stored == 0) {
                return;
            }
            // gen_random_uuid() is enough for delivery ids: they are only looked up, never ordered.
            handle.createUpdate("""
                            insert into webhook_delivery (id, webhook_id, event_id, status, next_attempt_at, created_at)
                            select gen_random_uuid(), w.id, :event, 'pending', :now, :now from webhook w where %s""".formatted(SUBSCRIBERS))
                    .bind("event", eventId)
                    .bind("now", now)
                    .bind("events", type.receivedBy())
                    .bind("publisher", publisherId)
                    .execute();
        });
    }
}
