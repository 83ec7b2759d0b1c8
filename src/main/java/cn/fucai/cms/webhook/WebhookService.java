package cn.fucai.cms.webhook;

import cn.fucai.cms.common.change.ChangeAction;
import cn.fucai.cms.common.change.Changes;
import cn.fucai.cms.common.change.ContentChanged;
import cn.fucai.cms.common.change.ContentKind;
import cn.fucai.cms.common.change.PublicEvent;
import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.error.ResourceConflictException;
import cn.fucai.cms.common.error.ResourceNotFoundException;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.NewestFirst;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.sql.Database;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.publisher.PublisherService;
import cn.fucai.cms.security.AccessPolicy;
import cn.fucai.cms.security.Caller;
import cn.fucai.cms.webhook.WebhookDtos.AttemptResponse;
import cn.fucai.cms.webhook.WebhookDtos.DeliveryResponse;
import cn.fucai.cms.webhook.WebhookDtos.SecretResponse;
import cn.fucai.cms.webhook.WebhookDtos.WebhookRequest;
import cn.fucai.cms.webhook.WebhookDtos.WebhookResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.hibernate.id.uuid.UuidVersion7Strategy;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowViewMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Webhook subscriptions: admins for any publisher or all, editors for the publishers they act for. A target must pass
 * the target policy ({@link WebhookTargets}); a publisher has at most {@code cms.webhooks.max-per-publisher}; secrets
 * are made by the service unless the client sends a strong one, and can be rotated with an overlap.
 */
@ApplicationScoped
public class WebhookService {

    private static final String COLUMNS = "id, url, events, publisher_id, created_at, disabled_at, disabled_reason";

    /** A row of {@link #COLUMNS}; the secret is never read back. */
    private static final RowViewMapper<WebhookResponse> WEBHOOK = row -> new WebhookResponse(
            row.getColumn("id", UUID.class),
            row.getColumn("url", String.class),
            row.getColumn("events", Database.STRINGS),
            row.getColumn("publisher_id", UUID.class),
            row.getColumn("created_at", Instant.class),
            row.getColumn("disabled_at", Instant.class),
            row.getColumn("disabled_reason", String.class),
            null);

    @Inject
    Jdbi jdbi;

    @Inject
    AccessPolicy access;

    @Inject
    Changes changes;

    @Inject
    WebhookTargets targets;

    @Inject
    PublisherService publishers;

    @Inject
    WebhookConfig config;

    @Transactional
    public WebhookResponse create(WebhookRequest request) {
        LinkedHashSet<String> events = new LinkedHashSet<>();
        for (int i = 0; i < request.events().size(); i++) {
            events.add(PublicEvent.parse("events[" + i + "]", request.events().get(i))
                    .wireName());
        }
        UUID publisherId =
                request.publisher() == null ? null : publishers.requireLive("publisher", request.publisher()).id;
        if (publisherId == null) {
            access.requireAdmin();
        } else {
            access.requireWrite(publisherId);
        }
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
        long existing = jdbi.withHandle(handle -> {
            handle.createQuery(
                            "select pg_advisory_xact_lock(hashtext('webhook-count:' || coalesce(:publisher::text, 'all')))")
                    .bind("publisher", publisherId)
                    .mapTo(String.class)
                    .one();
            return handle.createQuery(
                            "select count(*) from webhook where publisher_id is not distinct from :publisher::uuid")
                    .bind("publisher", publisherId)
                    .mapTo(Long.class)
                    .one();
        });
        if (existing >= config.maxPerPublisher()) {
            throw new ResourceConflictException("this publisher has " + existing + " webhooks, the most allowed ("
                    + config.maxPerPublisher() + "); delete one first");
        }
        String secret = request.secret() != null ? request.secret() : WebhookSignature.newSecret();
        UUID id = UuidVersion7Strategy.INSTANCE.generateUuid(null);
        Instant now = changes.now();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into webhook (id, url, events, secret, publisher_id, created_at)
                        values (:id, :url, :events::text[], :secret, :publisher, :now)""")
                .bind("id", id)
                .bind("url", request.url())
                .bind("events", events.toArray(String[]::new))
                .bind("secret", secret)
                .bind("publisher", publisherId)
                .bind("now", now)
                .execute());
        WebhookResponse created = find(id);
        changes.fire(ContentChanged.of(ContentKind.WEBHOOK, ChangeAction.CREATE, id, publisherId, null, created, now));
        return request.secret() == null ? created.withSecret(secret) : created;
    }

    /** A new secret for the webhook; the previous one keeps signing beside it for the configured overlap. */
    @Transactional
    public SecretResponse rotateSecret(UUID id) {
        WebhookResponse webhook = find(id);
        requireManage(webhook);
        String secret = WebhookSignature.newSecret();
        Instant until = changes.now().plus(config.secretOverlap());
        jdbi.useHandle(handle -> handle.createUpdate("""
                        update webhook set previous_secret = secret, previous_secret_expires_at = :until, secret = :secret
                        where id = :id""")
                .bind("until", until)
                .bind("secret", secret)
                .bind("id", id)
                .execute());
        changes.fire(ContentChanged.of(
                ContentKind.WEBHOOK,
                ChangeAction.ROTATE_SECRET,
                id,
                webhook.publisherId(),
                null,
                null,
                until.minus(config.secretOverlap())));
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
        Sql sql = new Sql("select " + COLUMNS + " from webhook where id > :after")
                .bind("after", cursor == null ? new UUID(0, 0) : cursor.uuidKey(0));
        if (caller.publishers() != null) {
            sql.append(
                    " and publisher_id = any(:publishers)",
                    "publishers",
                    caller.publishers().toArray(UUID[]::new));
        }
        sql.append(" order by id limit :rows", "rows", limit + 1);
        List<WebhookResponse> rows =
                jdbi.withHandle(handle -> sql.query(handle).map(WEBHOOK).list());
        return Page.fromLookahead(
                rows, limit, last -> new Cursor(fingerprint, List.of(last.id().toString())).encode());
    }

    /** Deletes the subscription and its delivery history. */
    @Transactional
    public void delete(UUID id) {
        WebhookResponse webhook = find(id);
        requireManage(webhook);
        jdbi.useHandle(handle -> {
            handle.createUpdate("""
                            delete from webhook_attempt
                            where delivery_id in (select id from webhook_delivery where webhook_id = :id)""").bind("id", id).execute();
            handle.createUpdate("delete from webhook_delivery where webhook_id = :id")
                    .bind("id", id)
                    .execute();
            handle.createUpdate("delete from webhook where id = :id")
                    .bind("id", id)
                    .execute();
        });
        changes.fire(ContentChanged.of(
                ContentKind.WEBHOOK, ChangeAction.DELETE, id, webhook.publisherId(), webhook, null, changes.now()));
    }

    /** Deliveries newest first, each with its attempts. */
    @Transactional
    public Page<DeliveryResponse> deliveries(UUID webhookId, String cursorParam, int limit) {
        requireManage(find(webhookId));
        String fingerprint = Cursor.fingerprint("-createdAt", webhookId);
        Cursor cursor = Cursor.decode(cursorParam, fingerprint, 2);
        Sql sql = new Sql("""
                select d.id, d.webhook_id, e.event_type, d.status, d.attempts, d.next_attempt_at, d.created_at
                from webhook_delivery d join webhook_event e on e.id = d.event_id
                where d.webhook_id = :webhook""").bind("webhook", webhookId);
        NewestFirst.page(sql, "d.created_at", "d.id", cursor, limit);
        List<DeliveryResponse> rows = jdbi.withHandle(handle -> sql.query(handle)
                .map((RowViewMapper<DeliveryResponse>) row -> new DeliveryResponse(
                        row.getColumn("id", UUID.class),
                        row.getColumn("webhook_id", UUID.class),
                        row.getColumn("event_type", String.class),
                        row.getColumn("status", String.class),
                        row.getColumn("attempts", Integer.class),
                        row.getColumn("next_attempt_at", Instant.class),
                        row.getColumn("created_at", Instant.class),
                        attempts(row.getColumn("id", UUID.class))))
                .list());
        return Page.fromLookahead(
                rows, limit, last -> NewestFirst.cursorAfter(fingerprint, last.createdAt(), last.id()));
    }

    /** Sends a delivery again from its next attempt, e.g. after it failed for good. */
    @Transactional
    public void redeliver(UUID webhookId, UUID deliveryId) {
        requireManage(find(webhookId));
        int updated = jdbi.withHandle(handle -> handle.createUpdate("""
                        update webhook_delivery set status = 'pending', next_attempt_at = now()
                        where id = :delivery and webhook_id = :webhook""")
                .bind("delivery", deliveryId)
                .bind("webhook", webhookId)
                .execute());
        if (updated == 0) {
            throw new ResourceNotFoundException("delivery", deliveryId);
        }
        changes.fire(ContentChanged.of(
                ContentKind.WEBHOOK_DELIVERY,
                ChangeAction.REDELIVER,
                deliveryId,
                find(webhookId).publisherId(),
                null,
                null,
                changes.now()));
    }

    private List<AttemptResponse> attempts(UUID deliveryId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select attempt, attempted_at, status_code, error, duration_ms from webhook_attempt
                        where delivery_id = :delivery order by attempt""")
                .bind("delivery", deliveryId)
                .map(ConstructorMapper.of(AttemptResponse.class))
                .list());
    }

    private WebhookResponse find(UUID id) {
        return jdbi.withHandle(handle -> handle.createQuery("select " + COLUMNS + " from webhook where id = :id")
                        .bind("id", id)
                        .map(WEBHOOK)
                        .findFirst())
                .orElseThrow(() -> new ResourceNotFoundException("webhook", id));
    }

    private Caller requireManage(WebhookResponse webhook) {
        return webhook.publisherId() == null ? access.requireAdmin() : access.requireWrite(webhook.publisherId());
    }
}
