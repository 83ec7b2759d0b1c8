package cn.fucai.cms.webhook;

import cn.fucai.cms.common.sql.Jdbc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends pending deliveries. A dispatcher claims due deliveries with FOR UPDATE SKIP LOCKED and pushes their next
 * attempt one lease ahead in the same statement, so that with several instances on one database each delivery is sent
 * by one of them at a time; a crash mid-send only means the lease runs out and the delivery is tried again. Failures
 * and timeouts are retried with exponential backoff and jitter up to the configured number of attempts; a 410 from the
 * receiver disables its webhook.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 20;

    private final Jdbc jdbc;
    private final MeterRegistry attempts;
    private final boolean enabled;
    private final Duration timeout;
    private final Duration pollInterval;
    private final long retryBaseMillis;
    private final int maxAttempts;
    private final HttpClient http;
    private volatile Thread worker;
    private volatile boolean running;

    WebhookDispatcher(Jdbc jdbc, MeterRegistry metrics,
                      @ConfigProperty(name = "cms.webhooks.dispatch", defaultValue = "true") boolean enabled,
                      @ConfigProperty(name = "cms.webhooks.timeout-millis", defaultValue = "10000") long timeoutMillis,
                      @ConfigProperty(name = "cms.webhooks.poll-millis", defaultValue = "500") long pollMillis,
                      @ConfigProperty(name = "cms.webhooks.retry-base-millis", defaultValue = "1000") long retryBaseMillis,
                      @ConfigProperty(name = "cms.webhooks.max-attempts", defaultValue = "8") int maxAttempts) {
        this.jdbc = jdbc;
        this.attempts = metrics;
        this.enabled = enabled;
        for (String outcome : List.of("succeeded", "retried", "failed")) {
            // at zero from the start, so that rates over them are defined
            Counter.builder("cms.webhook.attempts").tag("outcome", outcome).description("Webhook delivery attempts by outcome").register(metrics);
        }
        Gauge.builder("cms.webhook.outbox.pending", () -> countOrNaN("select count(*) from webhook_delivery where status = 'pending'"))
                .description("Webhook deliveries waiting to be sent or retried").register(metrics);
        Gauge.builder("cms.webhook.deliveries.failed", () -> countOrNaN("select count(*) from webhook_delivery where status = 'failed'"))
                .description("Webhook deliveries that gave up after their last attempt").register(metrics);
        this.timeout = Duration.ofMillis(timeoutMillis);
        this.pollInterval = Duration.ofMillis(pollMillis);
        this.retryBaseMillis = retryBaseMillis;
        this.maxAttempts = maxAttempts;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "webhook-dispatcher");
        worker.setDaemon(true);
        worker.start();
    }

    /** Finishes the send in progress, then stops: a delivery is never left half-recorded. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.join(timeout.toMillis() + 1000);
        }
    }

    private void loop() {
        boolean failing = false;
        while (running) {
            try {
                int sent = dispatchDue();
                if (failing) {
                    LOG.info("webhook dispatch works again");
                    failing = false;
                }
                if (sent == 0) {
                    Thread.sleep(pollInterval.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // once with its stack trace, then quietly until it works again: an outage is not a log flood
                if (failing) {
                    LOG.debugf("webhook dispatch still failing: %s", e.getMessage());
                } else {
                    LOG.warnf(e, "webhook dispatch failed; retrying every %s", pollInterval);
                }
                failing = true;
                try {
                    Thread.sleep(pollInterval.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Claims the due deliveries and sends them; returns how many were sent. */
    public int dispatchDue() {
        List<Due> due = jdbc.list("""
                update webhook_delivery d set next_attempt_at = now() + make_interval(secs => ?)
                from (select id from webhook_delivery where status = 'pending' and next_attempt_at <= now()
                      order by next_attempt_at limit ? for update skip locked) claimed, webhook w, webhook_event e
                where d.id = claimed.id and w.id = d.webhook_id and e.id = d.event_id
                returning d.id, d.attempts, w.id, w.url, w.secret, w.disabled_at is not null, e.payload::text""",
                rs -> new Due(rs.getObject(1, UUID.class), rs.getInt(2), rs.getObject(3, UUID.class), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getString(7)),
                (double) (timeout.toMillis() + 5000) / 1000, BATCH);
        for (int i = 0; i < due.size(); i++) {
            if (!running && worker == Thread.currentThread()) {
                // stopping: hand the claims not yet sent back at once rather than when their lease runs out
                jdbc.update("update webhook_delivery set next_attempt_at = now() where id = any(?)",
                        (Object) due.subList(i, due.size()).stream().map(Due::id).toArray(UUID[]::new));
                return i;
            }
            send(due.get(i));
        }
        return due.size();
    }

    /** A claimed delivery with what sending it needs. */
    private record Due(UUID id, int attempts, UUID webhookId, String url, String secret, boolean disabled, String body) {
    }

    private void send(Due delivery) {
        if (delivery.disabled()) {
            record(delivery, null, "the webhook is disabled", 0);
            return;
        }
        long timestamp = Instant.now().getEpochSecond();
        String id = delivery.id().toString();
        long start = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "welfare-lottery-cms-webhooks")
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(delivery.secret(), id, timestamp, delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted while sending";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
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
            return jdbc.list(sql, rs -> rs.getLong(1)).get(0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Records an attempt and what follows from it, in one transaction. */
    private void record(Due delivery, Integer status, String error, long millis) {
        int attempt = delivery.attempts() + 1;
        boolean ok = status != null && status >= 200 && status < 300;
        boolean gone = status != null && status == 410;
        boolean lastTry = attempt >= maxAttempts || delivery.disabled();
        jdbc.withConnection(connection -> {
            connection.setAutoCommit(false);
            try {
                execute(connection, "insert into webhook_attempt (delivery_id, attempt, attempted_at, status_code, error, duration_ms) values (?, ?, now(), ?, ?, ?)",
                        delivery.id(), attempt, status, error, (int) millis);
                if (ok) {
                    execute(connection, "update webhook_delivery set status = 'succeeded', attempts = ? where id = ?", attempt, delivery.id());
                } else if (gone || lastTry) {
                    execute(connection, "update webhook_delivery set status = 'failed', attempts = ? where id = ?", attempt, delivery.id());
                    if (gone) {
                        execute(connection, "update webhook set disabled_at = now(), disabled_reason = 'the receiver answered 410 Gone' where id = ? and disabled_at is null",
                                delivery.webhookId());
                    }
                } else {
                    execute(connection, "update webhook_delivery set attempts = ?, next_attempt_at = now() + make_interval(secs => ?) where id = ?",
                            attempt, backoffSeconds(attempt), delivery.id());
                }
                connection.commit();
                attempt(ok ? "succeeded" : gone || lastTry ? "failed" : "retried");
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            return null;
        });
    }

    /** base × 2^(attempt−1), at most an hour, with ±20 % jitter so that retries of many deliveries spread out. */
    private double backoffSeconds(int attempt) {
        double millis = Math.min(3_600_000d, retryBaseMillis * Math.pow(2, attempt - 1));
        return millis * ThreadLocalRandom.current().nextDouble(0.8, 1.2) / 1000;
    }

    private static void execute(Connection connection, String sql, Object... params) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            Jdbc.bind(statement, params);
            statement.executeUpdate();
        }
    }
}
