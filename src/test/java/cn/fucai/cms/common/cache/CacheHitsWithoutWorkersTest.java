package cn.fucai.cms.common.cache;

import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.await;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.token;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cache hit is answered on the event loop, before the request would be handed to a worker thread: while every worker
 * waits in PostgreSQL, what the cache holds is still served — to anonymous readers, and to partner mirrors reading
 * their feed with a token — and what it must compute waits its turn. A token whose role may not read the feed is still
 * refused, cached page or not.
 */
@QuarkusTest
@TestProfile(CacheHitsWithoutWorkersTest.FewWorkers.class)
class CacheHitsWithoutWorkersTest {

    private static final int WORKERS = 4;
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String HIT = "cache;desc=\"hit\"";
    private static final String FEED = "/api/v1/sync/articles?limit=1";

    /**
     * The cache on, a pool of four worker threads that four reads can fill, and statements that wait for a lock longer
     * than the test holds it (the suite's 3 s timeout would free the workers while the test looks).
     */
    public static class FewWorkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "cms.response-cache.enabled", "true",
                    "quarkus.thread-pool.max-threads", String.valueOf(WORKERS),
                    "%test.quarkus.datasource.jdbc.additional-jdbc-properties.options", "-c statement_timeout=60s",
                    "%test.quarkus.datasource.replica.jdbc.additional-jdbc-properties.options",
                            "-c statement_timeout=60s -c default_transaction_read_only=on");
        }
    }

    @Inject
    ResponseCache cache;

    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void aCachedAnswerIsServedWhileEveryWorkerWaits() throws Exception {
        await(cache::active, "the change listener is connected", PATIENCE);
        // read in a locale: read with the texts of its translations in it, so a computed read waits for their table
        String path = "/api/v1/articles/" + createArticleId(article(createPublisher(), uniqueSlug("no-worker")))
                + "?locale=en";
        Response computed = given().get(path);
        computed.then().statusCode(200);
        assertTrue(isHit(given().get(path)), "the second read is a hit");
        String mirror = json().body(Map.of("name", "省级镜像站", "role", "sync"))
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("secret");
        Response feedPage = feed(mirror);
        feedPage.then().statusCode(200);
        assertTrue(isHit(feed(mirror)), "the mirror's second read is a hit");

        List<Future<Response>> stuck = new ArrayList<>();
        Future<Response> computedMeanwhile;
        try (Connection locker = TestDatabase.connect()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("lock table article_translation in access exclusive mode");
            }
            for (int i = 0; i < WORKERS; i++) {
                stuck.add(clients.submit(
                        () -> given().header("Cache-Control", "no-cache").get(path)));
            }
            await(() -> readsWaitingForTheLock() == WORKERS, "every worker waits for the translations", PATIENCE);

            Future<Response> plain = clients.submit(() -> given().get(path));
            Future<Response> gzipped = clients.submit(
                    () -> given().header("Accept-Encoding", "gzip").get(path));
            for (Future<Response> hit : List.of(plain, gzipped)) {
                Response answer = hit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertEquals(200, answer.statusCode());
                assertTrue(isHit(answer));
                assertEquals(computed.header("ETag"), answer.header("ETag"));
                assertEquals(computed.asString(), answer.asString());
            }
            assertEquals("gzip", gzipped.get().header("Content-Encoding"));
            Response mirrored = clients.submit(() -> feed(mirror)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, mirrored.statusCode());
            assertTrue(isHit(mirrored), "a mirror's cached page needs no worker either");
            assertEquals(feedPage.asString(), mirrored.asString());
            assertTrue(stuck.stream().noneMatch(Future::isDone), "the computed reads still wait for the lock");

            // a read the cache cannot answer needs a worker: it waits, so the workers really were all taken
            computedMeanwhile = clients.submit(
                    () -> given().header("Cache-Control", "no-cache").get("/api/v1/regions/330000"));
            Thread.sleep(1_000);
            assertFalse(computedMeanwhile.isDone(), "a computed read waits for a worker");
            assertEquals(WORKERS, readsWaitingForTheLock());
            locker.rollback();
        }
        for (Future<Response> read : stuck) {
            Response answer = read.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode());
            assertEquals(computed.asString(), answer.asString());
        }
        Response region = computedMeanwhile.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, region.statusCode());
        assertEquals("浙江省", region.path("name"));

        // the cache answers only after the operation's role check: an editor may not read the feed, cached or not
        Response editor = feed(token("editor", createPublisher()));
        assertEquals(403, editor.statusCode());
        assertEquals("application/problem+json", editor.contentType());
        assertFalse(isHit(editor));
        assertFalse(editor.asString().contains("\"items\""), editor.asString());
        assertEquals(401, given().get(FEED).statusCode(), "nor may an anonymous reader");
    }

    private static Response feed(String secret) {
        return given().header("Authorization", "Bearer " + secret).get(FEED);
    }

    private static boolean isHit(Response answer) {
        return answer.headers().getValues("Server-Timing").contains(HIT);
    }

    private static long readsWaitingForTheLock() {
        return TestDatabase.waitingForLockOn("article_translation");
    }
}
