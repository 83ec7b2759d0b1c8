package cn.fucai.cms.webhook;

import cn.fucai.cms.common.http.OutboundTargets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Sends pending deliveries. A dispatcher claims due deliveries with FOR UPDATE SKIP LOCKED and pushes their next
 * attempt one lease ahead in the same statement, so that with several instances on one database each delivery is sent
 * by one of them at a time; a crash mid-send only means the lease runs out and the delivery is tried again. Failures
 * and timeouts are retried with exponential backoff and jitter up to the configured number of attempts; a 410 from the
 * receiver disables its webhook. Receivers are served in parallel, each webhook by one sender at a time in the order
 * its deliveries were made (cms.webhooks.concurrency senders), so a slow receiver delays only itself. Every connection
 * goes to addresses the target policy has just checked ({@link WebhookTargets}); an attempt records a coarse outcome
 * (refused by policy, connection failed, timeout, or the receiver's status), never socket details. Claims run as a
 * job of Quarkus's scheduler, every {@code cms.webhooks.poll-millis}; an attempt is recorded in a QuarkusTransaction.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 20;

    private final Jdbi jdbi;
    private final MeterRegistry attempts;
    private final boolean enabled;
    private final Duration timeout;
    private final Duration pollInterval;
    private final long retryBaseMillis;
    private final int maxAttempts;
    private final int concurrency;
    private final CloseableHttpClient http;
    /** Webhooks this instance is sending to now: none of their deliveries is claimed again until the send is over. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

    private volatile ExecutorService senders;
    private volatile boolean running;
    private volatile boolean failing;

    WebhookDispatcher(Jdbi jdbi, MeterRegistry metrics, WebhookTargets targets, WebhookConfig config) {
        this.jdbi = jdbi;
        this.attempts = metrics;
        this.enabled = config.dispatch();
        for (String outcome : List.of("succeeded", "retried", "failed")) {
            // at zero from the start, so that rates over them are defined
            Counter.builder("cms.webhook.attempts")
                    .tag("outcome", outcome)
                    .description("Webhook delivery attempts by outcome")
                    .register(metrics);
        }
        Gauge.builder(
                        "cms.webhook.outbox.pending",
                        () -> countOrNaN("select count(*) from webhook_delivery where status = 'pending'"))
                .description("Webhook deliveries waiting to be sent or retried")
                .register(metrics);
        Gauge.builder(
                        "cms.webhook.deliveries.failed",
                        () -> countOrNaN("select count(*) from webhook_delivery where status = 'failed'"))
                .description("Webhook deliveries that gave up after their last attempt")
                .register(metrics);
        this.timeout = Duration.ofMillis(config.timeoutMillis());
        // Quarkus's scheduler wakes a job at most once a second: a shorter interval would only log a warning
        this.pollInterval = Duration.ofMillis(Math.max(1000, config.pollMillis()));
        this.retryBaseMillis = config.retryBaseMillis();
        this.maxAttempts = config.maxAttempts();
        this.concurrency = Math.max(1, config.concurrency());
        Timeout limit = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(targets.connections(timeout, this.concurrency * 2, 2))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(limit)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("welfare-lottery-cms-webhooks")
                .build();
        this.senders = newSenders();
    }

    private ExecutorService newSenders() {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "webhook-sender-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Dispatches every poll interval on the scheduler's worker threads, one run at a time. */
    void start(@Observes StartupEvent event, Scheduler scheduler) {
        if (!enabled) {
            return;
        }
        running = true;
        scheduler
                .newJob("webhook-dispatcher")
                .setInterval(pollInterval.toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> dispatchWhileDue())
                .schedule();
    }

    /**
     * Finishes the sends in progress, hands back what was claimed but not sent, then stops: nothing is half-recorded.
     */
    synchronized void stop(@Observes ShutdownEvent event) throws InterruptedException, IOException {
        // synchronized with claimAndSend: a claim in progress ends first, and any later one hands everything back
        running = false;
        senders.shutdown();
        senders.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        http.close();
    }

    /** Claims and hands out due deliveries until none is left that a free sender could take. */
    private void dispatchWhileDue() {
        try {
            // groups are sent by the senders; claiming does not wait for them, so a slow receiver holds up nobody
            boolean claimed;
            do { // again at once after a claim: more may be due for the senders still free
                claimed = running && !claimAndSend().isEmpty();
            } while (claimed);
            if (failing) {
                LOG.info("webhook dispatch works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // once with its stack trace, then quietly until it works again: an outage is not a log flood
            if (failing) {
                LOG.debugf("webhook dispatch still failing: %s", e.getMessage());
            } else {
                LOG.warnf(e, "webhook dispatch failed; retrying every %s", pollInterval);
            }
            failing = true;
        }
    }

    /** Claims the due deliveries and sends them, each receiver in parallel; returns how many were sent once all are. */
    public int dispatchDue() {
        int sent = 0;
        for (Future<Integer> group : claimAndSend()) {
            try {
                sent += group.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent;
            } catch (ExecutionException e) {
                throw new IllegalStateException("sending webhook deliveries failed", e.getCause());
            }
        }
        return sent;
    }

    /**
     * Claims due deliveries of webhooks not being sent to now, at most one group per free sender, and hands each
     * webhook's group to a sender; the futures say how many of each group were sent. Claims that find no free sender
     * go back at once.
     */
    private synchronized List<Future<Integer>> claimAndSend() {
        int free = concurrency - inFlight.size();
        if (free <= 0) {
            return List.of();
        }
        List<Due> due = jdbi.withHandle(handle -> handle.createQuery("""
                        update webhook_delivery d set next_attempt_at = now() + make_interval(secs => :lease)
                        from (select id from webhook_delivery
                              where status = 'pending' and next_attempt_at <= now() and webhook_id <> all(:inFlight)
                              order by next_attempt_at limit :batch for update skip locked) claimed, webhook w, webhook_event e
                        where d.id = claimed.id and w.id = d.webhook_id and e.id = d.event_id
                        returning d.id, d.attempts, w.id as webhook_id, w.url, w.secret, w.disabled_at is not null as disabled,
                                  e.payload::text as body, d.created_at,
                                  case when w.previous_secret_expires_at > now() then w.previous_secret end as previous_secret""")
                .bind("lease", leaseSeconds())
                .bind("inFlight", inFlight.toArray(UUID[]::new))
                .bind("batch", BATCH)
                .map(DUE)
                .list());
        Map<UUID, List<Due>> byWebhook = new LinkedHashMap<>();
        due.stream()
                .sorted(Comparator.comparing(Due::createdAt).thenComparing(Due::id))
                .forEach(d -> byWebhook
                        .computeIfAbsent(d.webhookId(), k -> new ArrayList<>())
                        .add(d));
        List<Future<Integer>> groups = new ArrayList<>();
        List<UUID> handedBack = new ArrayList<>();
        for (Map.Entry<UUID, List<Due>> group : byWebhook.entrySet()) {
            if (groups.size() >= free || !running && enabled) {
                group.getValue().forEach(d -> handedBack.add(d.id()));
                continue;
            }
            inFlight.add(group.getKey());
            groups.add(senders.submit(() -> sendInOrder(group.getKey(), group.getValue())));
        }
        handBack(handedBack);
        return groups;
    }

    /** Sends one webhook's deliveries one after the other, renewing the lease of those still waiting. */
    private int sendInOrder(UUID webhookId, List<Due> group) {
        try {
            for (int i = 0; i < group.size(); i++) {
                if (!running && enabled) {
                    // stopping: hand the claims not yet sent back at once rather than when their lease runs out
                    handBack(
                            group.subList(i, group.size()).stream().map(Due::id).toList());
                    return i;
                }
                if (i > 0) {
                    UUID[] waiting =
                            group.subList(i, group.size()).stream().map(Due::id).toArray(UUID[]::new);
                    jdbi.useHandle(handle -> handle.createUpdate("""
                                    update webhook_delivery set next_attempt_at = now() + make_interval(secs => :lease)
                                    where id = any(:deliveries) and status = 'pending'""")
                            .bind("lease", leaseSeconds())
                            .bind("deliveries", waiting)
                            .execute());
                }
                send(group.get(i));
            }
            return group.size();
        } catch (RuntimeException e) {
            LOG.warnf(
                    "sending to webhook %s stopped: %s; its deliveries are tried again when their lease runs out",
                    webhookId, e.getMessage());
            throw e;
        } finally {
            inFlight.remove(webhookId);
        }
    }

    private void handBack(List<UUID> deliveries) {
        if (!deliveries.isEmpty()) {
            jdbi.useHandle(handle -> handle.createUpdate(
                            "update webhook_delivery set next_attempt_at = now() where id = any(:deliveries)")
                    .bind("deliveries", deliveries.toArray(UUID[]::new))
                    .execute());
        }
    }

    /** How long a claim keeps other dispatchers off a delivery: one attempt's timeout and some slack. */
    private double leaseSeconds() {
        return (double) (timeout.toMillis() + 5000) / 1000;
    }

    /** A claimed delivery with what sending it needs. */
    /** Columns of the claim, by name (webhook_id is webhookId). */
    private static final RowMapper<Due> DUE = ConstructorMapper.of(Due.class);

    private record Due(
            UUID id,
            int attempts,
            UUID webhookId,
            String url,
            String secret,
            boolean disabled,
            String body,
            Instant createdAt,
            String previousSecret) {}

    private void send(Due delivery) {
        if (delivery.disabled()) {
            record(delivery, null, DeliveryError.WEBHOOK_DISABLED, 0);
            return;
        }
        long timestamp = Instant.now().getEpochSecond();
        String id = delivery.id().toString();
        long start = System.nanoTime();
        Integer status = null;
        DeliveryError error = null;
        try {
            HttpPost request = new HttpPost(delivery.url());
            request.setHeader("webhook-id", id);
            request.setHeader("webhook-timestamp", Long.toString(timestamp));
            request.setHeader(
                    "webhook-signature",
                    WebhookSignature.sign(
                            delivery.secret(), delivery.previousSecret(), id, timestamp, delivery.body()));
            request.setEntity(new StringEntity(
                    delivery.body(), ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
            status = http.execute(request, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (OutboundTargets.RefusedTargetException e) {
            error = DeliveryError.REFUSED_BY_POLICY;
        } catch (SocketTimeoutException | org.apache.hc.core5.http.ConnectionRequestTimeoutException e) {
            error = DeliveryError.TIMEOUT;
        } catch (IOException | RuntimeException e) {
            error = e.getCause() instanceof SocketTimeoutException
                    ? DeliveryError.TIMEOUT
                    : DeliveryError.CONNECTION_FAILED;
        }
        record(delivery, status, error, (System.nanoTime() - start) / 1_000_000);
    }

    /** Counts attempts by outcome: cms_webhook_attempts_total{outcome="succeeded|retried|failed"}. */
    private void attempt(String outcome) {
        attempts.counter("cms.webhook.attempts", "outcome", outcome).increment();
    }

    /** A count for a gauge, read when metrics are scraped; NaN while the database cannot say. */
    private double countOrNaN(String sql) {
        try {
            return jdbi.withHandle(
                    handle -> handle.createQuery(sql).mapTo(Long.class).one());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Records an attempt and what follows from it, in one transaction. */
    private void record(Due delivery, Integer status, DeliveryError error, long millis) {
        int attempt = delivery.attempts() + 1;
        boolean ok = status != null && status >= 200 && status < 300;
        boolean gone = status != null && status == 410;
        boolean lastTry = attempt >= maxAttempts || delivery.disabled();
        QuarkusTransaction.requiringNew()
                .run(() -> jdbi.useHandle(handle -> {
                    handle.createUpdate("""
                            insert into webhook_attempt (delivery_id, attempt, attempted_at, status_code, error, duration_ms)
                            values (:delivery, :attempt, now(), :status, :error, :millis)""")
                            .bind("delivery", delivery.id())
                            .bind("attempt", attempt)
                            .bind("status", status)
                            .bind("error", error == null ? null : error.wireName())
                            .bind("millis", (int) millis)
                            .execute();
                    if (ok) {
                        settle(handle, delivery, "succeeded", attempt);
                    } else if (gone || lastTry) {
                        settle(handle, delivery, "failed", attempt);
                        if (gone) {
                            handle.createUpdate("""
                                    update webhook set disabled_at = now(), disabled_reason = 'the receiver answered 410 Gone'
                                    where id = :webhook and disabled_at is null""")
                                    .bind("webhook", delivery.webhookId())
                                    .execute();
                        }
                    } else {
                        handle.createUpdate("""
                                update webhook_delivery set attempts = :attempt, next_attempt_at = now() + make_interval(secs => :backoff)
                                where id = :delivery""")
                                .bind("attempt", attempt)
                                .bind("backoff", backoffSeconds(attempt))
                                .bind("delivery", delivery.id())
                                .execute();
                    }
                }));
        attempt(ok ? "succeeded" : gone || lastTry ? "failed" : "retried");
    }

    /** Ends a delivery: succeeded, or failed for good. */
    private static void settle(Handle handle, Due delivery, String status, int attempt) {
        handle.createUpdate("update webhook_delivery set status = :status, attempts = :attempt where id = :delivery")
                .bind("status", status)
                .bind("attempt", attempt)
                .bind("delivery", delivery.id())
                .execute();
    }

    /** base × 2^(attempt−1), at most an hour, with ±20 % jitter so that retries of many deliveries spread out. */
    private double backoffSeconds(int attempt) {
        double millis = Math.min(3_600_000d, retryBaseMillis * Math.pow(2, attempt - 1));
        return millis * ThreadLocalRandom.current().nextDouble(0.8, 1.2) / 1000;
    }
}
