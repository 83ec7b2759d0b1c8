package cn.fucai.cms.webhook;

import cn.fucai.cms.common.sql.Jdbc;
import cn.fucai.cms.common.time.Timestamps;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.id.uuid.UuidVersion7Strategy;

/**
 * Records an event, and one pending delivery for each webhook that wants it, in the caller's transaction: a crash
 * after the commit loses nothing, a rollback sends nothing.
 */
@ApplicationScoped
public class WebhookOutbox {

    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookOutbox(Jdbc jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Whether a live webhook would receive {@code type} about {@code publisherId}: a batch asks once, not per row. */
    public boolean subscribed(WebhookEventType type, UUID publisherId) {
        return jdbc.exists("""
                select 1 from webhook w where w.disabled_at is null and w.events && ?::text[]
                and (w.publisher_id is null or w.publisher_id = ?)""", type.receivedBy(), publisherId);
    }

    /** Publishes {@code type} about a resource of {@code publisherId}; {@code data} is what receivers get. */
    public void publish(WebhookEventType type, UUID publisherId, Object data) {
        UUID eventId = UuidVersion7Strategy.INSTANCE.generateUuid(null);
        Instant now = Timestamps.now(clock);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type.wireName());
        payload.put("timestamp", now.toString());
        payload.put("data", data);
        // Only events someone subscribed to are kept: the outbox is a queue, not an archive (the audit log is that).
        int stored = jdbc.update(
                """
                insert into webhook_event (id, event_type, publisher_id, payload, created_at)
                select ?, ?, ?, ?::jsonb, ? where exists (
                    select 1 from webhook w where w.disabled_at is null and w.events && ?::text[]
                    and (w.publisher_id is null or w.publisher_id = ?))""",
                eventId,
                type.wireName(),
                publisherId,
                toJson(payload),
                now.atOffset(ZoneOffset.UTC),
                type.receivedBy(),
                publisherId);
        if (stored == 0) {
            return;
        }
        // gen_random_uuid() is enough for delivery ids: they are only looked up, never ordered.
        jdbc.update(
                """
                insert into webhook_delivery (id, webhook_id, event_id, status, next_attempt_at, created_at)
                select gen_random_uuid(), w.id, ?, 'pending', ?, ? from webhook w
                where w.disabled_at is null and w.events && ?::text[] and (w.publisher_id is null or w.publisher_id = ?)""",
                eventId,
                now.atOffset(ZoneOffset.UTC),
                now.atOffset(ZoneOffset.UTC),
                type.receivedBy(),
                publisherId);
    }

    private String toJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payload is not serialisable", e);
        }
    }
}
