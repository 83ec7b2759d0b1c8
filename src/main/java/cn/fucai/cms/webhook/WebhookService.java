package cn.fucai.cms.webhook;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.error.ResourceConflictException;
import cn.fucai.cms.common.error.ResourceNotFoundException;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.sql.Jdbc;
import cn.fucai.cms.common.time.Timestamps;
import cn.fucai.cms.publisher.PublisherService;
import cn.fucai.cms.security.AccessPolicy;
import cn.fucai.cms.security.AuditLog;
import cn.fucai.cms.security.Caller;
import cn.fucai.cms.webhook.WebhookDtos.AttemptResponse;
import cn.fucai.cms.webhook.WebhookDtos.DeliveryResponse;
import cn.fucai.cms.webhook.WebhookDtos.SecretResponse;
import cn.fucai.cms.webhook.WebhookDtos.WebhookRequest;
import cn.fucai.cms.webhook.WebhookDtos.WebhookResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.hibernate.id.uuid.UuidVersion7Strategy;

/**
 * Webhook subscriptions: admins for any publisher or all, editors for the publishers they act for. A target must pass
 * the target policy ({@link WebhookTargets}); a publisher has at most {@code cms.webhooks.max-per-publisher}; secrets
 * are made by the service unless the client sends a strong one, and can be rotated with an overlap.
 */
@ApplicationScoped
public class WebhookService {

    private static final String COLUMNS = "id, url, events, publisher_id, created_at, disabled_at, disabled_reason";

    private final Jdbc jdbc;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Clock clock;
    private final WebhookTargets targets;
    private final PublisherService publishers;
    private final int maxPerPublisher;
    private final Duration secretOverlap;

    WebhookService(
            Jdbc jdbc,
            AccessPolicy access,
            AuditLog audit,
            Clock clock,
            WebhookTargets targets,
            PublisherService publishers,
            WebhookConfig config) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.targets = targets;
        this.publishers = publishers;
        this.maxPerPublisher = config.maxPerPublisher();
        this.secretOverlap = config.secretOverlap();
    }

    @Transactional
    public WebhookResponse create(WebhookRequest request) {
        LinkedHashSet<String> events = new LinkedHashSet<>();
        for (int i = 0; i < request.events().size(); i++) {
            events.add(
                    WebhookEventType.parse("events[" + i + "]", request.events().get(i))
                            .wireName());
        }
        UUID publisherId =
                request.publisher() == null ? null : publishers.requireLive("publisher", request.publisher()).id;
        Caller caller = publisherId == null ? access.requireAdmin() : access.requireWrite(publisherId);
        String target = targets.problem(request.url());
        if (target != null) {
            throw new InvalidInputException("url", target);
        }
        if (request.secret() != null && !WebhookSignature.isStrong(request.secret())) {
            throw new InvalidInputException(
                    "secret",
                    "must be whsec_ and the base64 of at least " + WebhookSignature.MIN_SECRET_BYTES
                            + " random bytes; or leave it out and the service makes one");
        }
        // one count per publisher at a time: two concurrent creates cannot both take the last place
        jdbc.list(
                "select pg_advisory_xact_lock(hashtext('webhook-count:' || coalesce(?::text, 'all')))",
                rs -> null,
                publisherId);
        long existing = jdbc.list(
                        "select count(*) from webhook where publisher_id is not distinct from ?",
                        rs -> rs.getLong(1),
                        publisherId)
                .get(0);
        if (existing >= maxPerPublisher) {
            throw new ResourceConflictException("this publisher has " + existing + " webhooks, the most allowed ("
                    + maxPerPublisher + "); delete one first");
        }
        String secret = request.secret() != null ? request.secret() : WebhookSignature.newSecret();
        UUID id = UuidVersion7Strategy.INSTANCE.generateUuid(null);
        Instant now = Timestamps.now(clock);
        jdbc.update(
                "insert into webhook (id, url, events, secret, publisher_id, created_at) values (?, ?, ?::text[], ?, ?, ?)",
                id,
                request.url(),
                "{" + String.join(",", events) + "}",
                secret,
                publisherId,
                now.atOffset(ZoneOffset.UTC));
        WebhookResponse created = find(id);
        audit.record(caller, "create", "webhook", id, publisherId, null, created);
        return request.secret() == null ? created.withSecret(secret) : created;
    }

    /** A new secret for the webhook; the previous one keeps signing beside it for the configured overlap. */
    @Transactional
    public SecretResponse rotateSecret(UUID id) {
        WebhookResponse webhook = find(id);
        Caller caller = requireManage(webhook);
        String secret = WebhookSignature.newSecret();
        Instant until = Timestamps.now(clock).plus(secretOverlap);
        jdbc.update(
                "update webhook set previous_secret = secret, previous_secret_expires_at = ?, secret = ? where id = ?",
                until.atOffset(ZoneOffset.UTC),
                secret,
                id);
        audit.record(caller, "rotate-secret", "webhook", id, webhook.publisherId(), null, null);
        return new SecretResponse(secret, until);
    }

    @Transactional
    public WebhookResponse get(UUID id) {
        WebhookResponse webhook = find(id);
        requireManage(webhook);
        return webhook;
    }

    /** The webhooks the caller manages: all for an admin, its publishers' for an editor. */
    @Transactional
    public Page<WebhookResponse> list(String cursorParam, int limit) {
        Caller caller = access.caller();
        String fingerprint = Cursor.fingerprint("id");
        Cursor cursor = Cursor.decode(cursorParam, fingerprint, 1);
        List<Object> params = new ArrayList<>();
        params.add(cursor == null ? new UUID(0, 0) : cursor.uuidKey(0));
        String scope = "";
        if (caller.publishers() != null) {
            scope = " and publisher_id = any(?)";
            params.add(caller.publishers().toArray(UUID[]::new));
        }
        params.add(limit + 1);
        List<WebhookResponse> rows = jdbc.list(
                "select " + COLUMNS + " from webhook where id > ?" + scope + " order by id limit ?",
                WebhookService::webhook,
                params.toArray());
        return Page.fromLookahead(
                rows, limit, last -> new Cursor(fingerprint, List.of(last.id().toString())).encode());
    }

    /** Deletes the subscription and its delivery history. */
    @Transactional
    public void delete(UUID id) {
        WebhookResponse webhook = find(id);
        Caller caller = requireManage(webhook);
        jdbc.update(
                "delete from webhook_attempt where delivery_id in (select id from webhook_delivery where webhook_id = ?)",
                id);
        jdbc.update("delete from webhook_delivery where webhook_id = ?", id);
        jdbc.update("delete from webhook where id = ?", id);
        audit.record(caller, "delete", "webhook", id, webhook.publisherId(), webhook, null);
    }

    /** Deliveries newest first, each with its attempts. */
    @Transactional
    public Page<DeliveryResponse> deliveries(UUID webhookId, String cursorParam, int limit) {
        requireManage(find(webhookId));
        String fingerprint = Cursor.fingerprint("-createdAt", webhookId);
        Cursor cursor = Cursor.decode(cursorParam, fingerprint, 2);
        List<Object> params = new ArrayList<>(List.of(webhookId));
        String after = "";
        if (cursor != null) {
            after = " and (d.created_at, d.id) < (?, ?)";
            params.add(cursor.instantKey(0).atOffset(ZoneOffset.UTC));
            params.add(cursor.uuidKey(1));
        }
        params.add(limit + 1);
        List<DeliveryResponse> rows = jdbc.list(
                """
                select d.id, d.webhook_id, e.event_type, d.status, d.attempts, d.next_attempt_at, d.created_at
                from webhook_delivery d join webhook_event e on e.id = d.event_id
                where d.webhook_id = ?""" + after + " order by d.created_at desc, d.id desc limit ?",
                rs -> new DeliveryResponse(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        instant(rs, 6),
                        instant(rs, 7),
                        attempts(rs.getObject(1, UUID.class))),
                params.toArray());
        return Page.fromLookahead(
                rows,
                limit,
                last -> new Cursor(
                                fingerprint,
                                List.of(last.createdAt().toString(), last.id().toString()))
                        .encode());
    }

    /** Sends a delivery again from its next attempt, e.g. after it failed for good. */
    @Transactional
    public void redeliver(UUID webhookId, UUID deliveryId) {
        Caller caller = requireManage(find(webhookId));
        int updated = jdbc.update(
                "update webhook_delivery set status = 'pending', next_attempt_at = now() where id = ? and webhook_id = ?",
                deliveryId,
                webhookId);
        if (updated == 0) {
            throw new ResourceNotFoundException("delivery", deliveryId);
        }
        audit.record(
                caller,
                "redeliver",
                "webhook-delivery",
                deliveryId,
                find(webhookId).publisherId(),
                null,
                null);
    }

    private List<AttemptResponse> attempts(UUID deliveryId) {
        return jdbc.list(
                "select attempt, attempted_at, status_code, error, duration_ms from webhook_attempt where delivery_id = ? order by attempt",
                rs -> new AttemptResponse(
                        rs.getInt(1), instant(rs, 2), (Integer) rs.getObject(3), rs.getString(4), rs.getInt(5)),
                deliveryId);
    }

    private WebhookResponse find(UUID id) {
        return jdbc.list("select " + COLUMNS + " from webhook where id = ?", WebhookService::webhook, id).stream()
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("webhook", id));
    }

    private Caller requireManage(WebhookResponse webhook) {
        return webhook.publisherId() == null ? access.requireAdmin() : access.requireWrite(webhook.publisherId());
    }

    private static WebhookResponse webhook(ResultSet rs) throws SQLException {
        Array events = rs.getArray(3);
        return new WebhookResponse(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                Arrays.asList((String[]) events.getArray()),
                rs.getObject(4, UUID.class),
                instant(rs, 5),
                instant(rs, 6),
                rs.getString(7),
                null);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
