package cn.fucai.cms.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stops the packaged service (target/quarkus-app, as `./mvnw verify` built it) with SIGTERM while a write waits on a row
 * lock and a webhook delivery waits on a slow receiver: both finish and are recorded, the process exits by itself,
 * and nothing is logged as an error.
 */
class GracefulShutdownIT {

    private static final String ADMIN = "graceful-shutdown-admin-token-0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOG = Path.of("target/graceful-shutdown.log");

    private final HttpClient http = HttpClient.newHttpClient();
    private Process service;
    private HttpServer receiver;
    private String base;

    @AfterEach
    void stopEverything() {
        if (service != null) {
            service.destroyForcibly();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void requestsAndWebhookDeliveriesInFlightFinishWhenTheServiceIsStopped() throws Exception {
        CountDownLatch deliveryStarted = new CountDownLatch(1);
        AtomicInteger deliveries = new AtomicInteger();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            deliveries.incrementAndGet();
            deliveryStarted.countDown();
            sleep(Duration.ofSeconds(2));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        startService();

        String publisher = "shutdown-" + System.nanoTime();
        send(
                "POST",
                "/api/v1/publishers",
                Map.of(
                        "slug",
                        publisher,
                        "name",
                        "停机测试福彩中心",
                        "kind",
                        "lottery_centre",
                        "level",
                        "municipal",
                        "regionCode",
                        "330300"),
                201);
        send(
                "POST",
                "/api/v1/webhooks",
                Map.of(
                        "url",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                        "events",
                        List.of("article.updated"),
                        "publisher",
                        publisher),
                201);
        JsonNode locked = send("POST", "/api/v1/articles", article(publisher, "locked", "停机前的标题"), 201);
        JsonNode delivered = send("POST", "/api/v1/articles", article(publisher, "delivered", "停机前的标题"), 201);

        // a webhook delivery in flight: the receiver holds it for two seconds
        send("PUT", "/api/v1/articles/" + delivered.get("id").asText(), article(publisher, "delivered", "推送中的标题"), 200);
        assertTrue(deliveryStarted.await(10, TimeUnit.SECONDS), "the delivery reached the receiver");

        try (Connection db = database()) {
            // a write in flight: it waits for this transaction's row lock
            db.setAutoCommit(false);
            execute(
                    db,
                    "select 1 from article where id = cast(? as uuid) for update",
                    locked.get("id").asText());
            CompletableFuture<HttpResponse<String>> write = http.sendAsync(
                    request(
                            "PUT",
                            "/api/v1/articles/" + locked.get("id").asText(),
                            article(publisher, "locked", "停机时写入的标题")),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            await(() -> waitingOnALock(), "the write waits on the row lock");

            service.destroy(); // SIGTERM
            sleep(Duration.ofMillis(500));
            assertTrue(service.isAlive(), "the service waits for its requests in flight");
            db.rollback();

            HttpResponse<String> answer = write.get(10, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("停机时写入的标题", JSON.readTree(answer.body()).get("title").asText());
        }
        assertTrue(service.waitFor(20, TimeUnit.SECONDS), "the service exits by itself");

        try (Connection db = database()) {
            assertEquals(
                    "停机时写入的标题",
                    single(
                            db,
                            "select title from article where id = cast(? as uuid)",
                            locked.get("id").asText()));
            assertEquals(
                    "succeeded 1 1",
                    single(db, """
                    select d.status || ' ' || d.attempts || ' ' || (select count(*) from webhook_attempt a where a.delivery_id = d.id)
                    from webhook_delivery d join webhook_event e on e.id = d.event_id
                    where e.payload->'data'->>'id' = ?""", delivered.get("id").asText()),
                    "the delivery in flight was finished and recorded once");
            assertEquals(
                    "1",
                    single(db, """
                    select count(*) from webhook_delivery d join webhook_event e on e.id = d.event_id
                    where e.payload->'data'->>'id' = ?""", locked.get("id").asText()),
                    "the write that finished during the stop queued its delivery: sent, or kept for the next start");
        }
        assertEquals(1, deliveries.get(), "nothing was sent twice");
        String log = Files.readString(LOG);
        assertTrue(log.contains("stopped in"), log);
        assertTrue(log.lines().noneMatch(line -> line.contains(" ERROR ")), log);
    }

    private void startService() throws IOException, InterruptedException {
        Files.deleteIfExists(LOG);
        PackagedService started = PackagedService.start(
                Map.of(
                        "CMS_ADMIN_TOKEN", ADMIN,
                        "CMS_WEBHOOKS_POLL_MILLIS", "100",
                        "CMS_LIMITS_WRITES_PER_MINUTE", "0",
                        "CMS_WEBHOOKS_ALLOWED_TARGETS", "127.0.0.1"),
                LOG);
        service = started.process();
        base = started.base();
        started.awaitReady(http, Duration.ofSeconds(60));
    }

    private static Map<String, Object> article(String publisher, String slug, String title) {
        return Map.of(
                "publisher",
                publisher,
                "slug",
                slug,
                "locale",
                "zh-CN",
                "title",
                title,
                "summary",
                "摘要",
                "body",
                "<p>正文</p>",
                "category",
                "通知公告",
                "regionCodes",
                List.of("330300"),
                "status",
                "published");
    }

    private HttpRequest request(String method, String path, Object body) throws IOException {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
    }

    private JsonNode send(String method, String path, Object body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private boolean waitingOnALock() {
        try (Connection db = database()) {
            return !single(
                            db,
                            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()")
                    .equals("0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String databaseUrl() {
        String url = System.getenv("CMS_TEST_DATABASE_URL");
        return url != null ? url : "jdbc:postgresql://127.0.0.1:5432/cms_test";
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(
                databaseUrl(), env("QUARKUS_DATASOURCE_USERNAME", "cms"), env("QUARKUS_DATASOURCE_PASSWORD", "cms"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value != null ? value : fallback;
    }

    private static void execute(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    private static String single(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next(), "no row for " + sql);
                return rows.getString(1);
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            sleep(Duration.ofMillis(100));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
