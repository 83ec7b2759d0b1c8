package cn.fucai.cms.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduled publishing on two packaged instances over one database: every due article is published exactly once,
 * whichever instance claims it, and an instance killed (SIGKILL) between its claim and its commit publishes nothing —
 * the article is published once, by the other instance or by the killed one after its restart. To hold an instance
 * between claim and commit, the test locks the audit table from outside (every publication writes its audit entry in
 * its transaction), waits until the instance's publication is blocked on that lock, and kills it there.
 */
class ScheduleAcrossInstancesIT {

    private static final String ADMIN = "schedule-it-admin-token-0123456789";
    private static final Map<String, String> SETTINGS =
            Map.of("CMS_ADMIN_TOKEN", ADMIN, "CMS_LIMITS_WRITES_PER_MINUTE", "0", "CMS_SCHEDULE_POLL_INTERVAL", "PT1S");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> services = new ArrayList<>();

    @AfterEach
    void stop() {
        services.forEach(Process::destroyForcibly);
    }

    @Test
    void twoInstancesPublishEachDueArticleOnceAndAKilledClaimIsNotLost() throws Exception {
        PackagedService a = start("a");
        PackagedService b = start("b");
        String publisher = "schedule-" + System.nanoTime();
        String publisherId = createPublisher(a, publisher);
        Instant at = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 60; i++) {
            createArticle(i % 2 == 0 ? a : b, publisher, "due-" + i, at);
        }
        assertTrue(Instant.now().isBefore(at.minusSeconds(1)), "the articles were written before they fell due");

        try (Connection blocker = database()) {
            blocker.setAutoCommit(false);
            execute(blocker, "lock table audit_event in share mode");
            await(() -> publicationsWaitingOnTheLock() >= 2, "both instances holding a claim", Duration.ofSeconds(30));
            a.process().destroyForcibly().waitFor();
            blocker.commit();
        }
        await(
                () -> count(
                                "select count(*) from article where publisher_id = ?::uuid and status = 'published'",
                                publisherId)
                        == 60,
                "every article published by the instance still running",
                Duration.ofSeconds(30));
        start("a-restarted");
        Thread.sleep(1000); // a second of polls by both instances, to see that they publish nothing again

        assertEquals(
                60,
                count(
                        "select count(*) from audit_event where action = 'release' and publisher_id = ?::uuid",
                        publisherId));
        assertEquals(List.of(), rows("""
                select a.slug || ': ' || count(e.id) || ' releases, ' || (select count(*) from article_change c
                    where c.article_id = a.id) || ' feed rows'
                from article a left join audit_event e on e.resource_id = a.id::text and e.action = 'release'
                where a.publisher_id = ?::uuid group by a.id
                having count(e.id) <> 1 or (select count(*) from article_change c where c.article_id = a.id) <> 1""", publisherId));
    }

    @Test
    void anArticleClaimedByTheOnlyInstanceWhenItWasKilledIsPublishedOnceAfterItsRestart() throws Exception {
        PackagedService only = start("only");
        String publisher = "schedule-alone-" + System.nanoTime();
        String publisherId = createPublisher(only, publisher);
        Instant at = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        createArticle(only, publisher, "claimed", at);
        try (Connection blocker = database()) {
            blocker.setAutoCommit(false);
            execute(blocker, "lock table audit_event in share mode");
            await(() -> publicationsWaitingOnTheLock() >= 1, "the instance holding its claim", Duration.ofSeconds(30));
            only.process().destroyForcibly().waitFor();
            blocker.commit();
        }
        await(
                () -> publicationsWaitingOnTheLock() == 0,
                "the killed instance's transaction rolled back",
                Duration.ofSeconds(10));
        assertEquals(
                List.of("scheduled"),
                rows("select status from article where publisher_id = ?::uuid", publisherId),
                "nothing was committed by the killed instance");

        start("only-restarted");
        await(
                () -> rows("select status from article where publisher_id = ?::uuid", publisherId)
                        .equals(List.of("published")),
                "published after the restart",
                Duration.ofSeconds(30));
        Thread.sleep(500);
        assertEquals(
                1,
                count(
                        "select count(*) from audit_event where action = 'release' and publisher_id = ?::uuid",
                        publisherId));
    }

    private PackagedService start(String name) throws IOException, InterruptedException {
        Path log = Path.of("target/schedule-" + name + ".log");
        Files.deleteIfExists(log);
        PackagedService service = PackagedService.start(SETTINGS, log);
        services.add(service.process());
        return service.awaitReady(http, Duration.ofSeconds(60));
    }

    /** Sessions of this test's database blocked on a lock while writing an audit entry. */
    private static long publicationsWaitingOnTheLock() {
        return count("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and query like '%insert into audit_event%' and datname = current_database()");
    }

    private String createPublisher(PackagedService service, String slug) throws IOException, InterruptedException {
        String body = """
                {"slug":"%s","name":"温州市福利彩票发行中心","level":"municipal","kind":"lottery_centre",\
                "regionCode":"330300"}""".formatted(slug);
        String answer = post(service, "/api/v1/publishers", body);
        return answer.replaceFirst("(?s).*?\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1");
    }

    private void createArticle(PackagedService service, String publisher, String slug, Instant at)
            throws IOException, InterruptedException {
        post(service, "/api/v1/articles", """
                {"publisher":"%s","slug":"%s","locale":"zh-CN","title":"定时发布的公告","status":"published",\
                "publishedAt":"%s"}""".formatted(publisher, slug, at));
    }

    private String post(PackagedService service, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(service.base() + path))
                        .header("Authorization", "Bearer " + ADMIN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
        return answer.body();
    }

    private static void await(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static long count(String sql, Object... params) {
        return Long.parseLong(rows(sql, params).get(0));
    }

    private static List<String> rows(String sql, Object... params) {
        try (Connection db = database();
                PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(
                GracefulShutdownIT.databaseUrl(),
                env("QUARKUS_DATASOURCE_USERNAME"),
                env("QUARKUS_DATASOURCE_PASSWORD"));
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value != null ? value : "cms";
    }
}
