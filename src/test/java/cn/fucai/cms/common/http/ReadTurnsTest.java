package cn.fucai.cms.common.http;

import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.await;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.fucai.cms.support.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads take turns ({@link ReadTurns}), here one at a time: a read waits while another is worked on, writes do not,
 * and every way a read can end gives its turn back (with one turn, a lost one would stop every read after it).
 */
@QuarkusTest
@TestProfile(ReadTurnsTest.OneTurn.class)
class ReadTurnsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** One read at a time. */
    public static class OneTurn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cms.concurrent-reads", "1");
        }
    }

    @Inject
    MeterRegistry metrics;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL service;

    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void aReadWaitsForTheReadBeforeItWhileWritesGoOn() throws Exception {
        String id = createArticleId(article(createPublisher(), uniqueSlug("turns")));
        Future<Response> first;
        Future<Response> second;
        try (Connection locker = TestDatabase.connect()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("lock table article_translation in access exclusive mode");
            }
            // the first read takes the only turn and waits in PostgreSQL for the table (an article read in a locale is
            // read with the texts of its translations in it; nothing in the background reads them)
            first = clients.submit(
                    () -> given().header("Cache-Control", "no-cache").get("/api/v1/articles/" + id + "?locale=en"));
            await(ReadTurnsTest::aReadWaitsForTheLock, "the first read waits for the translations' table", PATIENCE);
            // the second reads no translation: it waits for the turn, not for the table
            second = clients.submit(() -> given().get("/api/v1/regions/330000"));
            await(() -> waitingReads() == 1, "the second read waits for a turn", PATIENCE);
            // a write does not wait for a turn (createPublisher checks its 201)
            String writtenMeanwhile = createPublisher();
            assertEquals(1, count(dataSource, "select count(*) from publisher where slug = ?", writtenMeanwhile));
            assertFalse(second.isDone(), "the second read is still waiting");
            locker.rollback();
        }
        Response article = first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, article.statusCode());
        assertEquals(id, article.path("id"));
        Response region = second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, region.statusCode());
        assertEquals("浙江省", region.path("name"));
        assertEquals(0, waitingReads());
    }

    @Test
    void everyWayAReadEndsGivesItsTurnBack() throws Exception {
        String id = createArticleId(article(createPublisher(), uniqueSlug("turns")));
        String etag = given().get("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        for (int round = 0; round < 3; round++) {
            within(() -> given().get("/api/v1/articles/" + id).then().statusCode(200));
            within(() -> given().header("If-None-Match", etag)
                    .get("/api/v1/articles/" + id)
                    .then()
                    .statusCode(304));
            within(() -> given().head("/api/v1/articles/" + id).then().statusCode(200));
            within(() -> given().get("/api/v1/articles/0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
                    .then()
                    .statusCode(404));
            within(() -> given().get("/api/v1/articles?limit=0").then().statusCode(400));
            within(() -> given().get("/api/v1/articles?region=999999").then().statusCode(400));
            within(() -> given().get("/api/v1/sync/articles").then().statusCode(401));
            within(() -> given().accept("text/csv")
                    .get("/api/v1/fund-figures")
                    .then()
                    .statusCode(200));
            within(() -> given().get("/api/v1/no-such-thing").then().statusCode(404));
        }
        try (Connection locker = TestDatabase.connect()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("lock table article_translation in access exclusive mode");
            }
            Future<Response> holder = clients.submit(
                    () -> given().header("Cache-Control", "no-cache").get("/api/v1/articles/" + id + "?locale=en"));
            await(ReadTurnsTest::aReadWaitsForTheLock, "a read holds the turn", PATIENCE);
            // a client that leaves while its read waits for a turn
            try (Socket socket = send("/api/v1/regions/330000")) {
                await(() -> waitingReads() == 1, "the read waits for a turn", PATIENCE);
            }
            Thread.sleep(300); // for the service to hear that the client left, before the turn it waits for is free
            locker.rollback();
            assertEquals(200, holder.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode());
        }
        // a client that leaves while its read is worked on
        try (Connection locker = TestDatabase.connect()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("lock table article_translation in access exclusive mode");
            }
            try (Socket socket = send("/api/v1/articles/" + id + "?locale=en")) {
                await(ReadTurnsTest::aReadWaitsForTheLock, "the read waits for the translations' table", PATIENCE);
            }
            locker.rollback();
        }
        // with one turn, any turn not given back leaves this read waiting for ever
        within(() -> given().get("/api/v1/articles/" + id).then().statusCode(200));
        assertEquals(0, waitingReads());
    }

    private void within(Runnable read) throws Exception {
        Callable<Void> call = () -> {
            read.run();
            return null;
        };
        clients.submit(call).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** A read sent on a socket of its own, without waiting for its answer; closing the socket leaves. */
    private Socket send(String path) throws Exception {
        Socket socket = new Socket(service.getHost(), service.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nCache-Control: no-cache\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private double waitingReads() {
        return metrics.get("cms.reads.waiting").gauge().value();
    }

    /** Whether a session waits for a lock on the translations' table (the locker holds its own). */
    private static boolean aReadWaitsForTheLock() {
        return TestDatabase.waitingForLockOn("article_translation") > 0;
    }
}
