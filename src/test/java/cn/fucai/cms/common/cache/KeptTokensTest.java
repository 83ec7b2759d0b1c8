package cn.fucai.cms.common.cache;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.await;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createProvince;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.common.http.Hashes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API tokens in use are kept in memory while the change listener vouches for them ({@link ChangeStamps}): a partner
 * mirror polling its feed costs no read of its token, yet a token revoked or expired by any instance, or by hand in
 * SQL, is refused as soon as the notification arrives, and at once while nobody listens.
 */
@QuarkusTest
@TestProfile(ResponseCacheTest.CacheOn.class)
class KeptTokensTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String FEED = "/api/v1/sync/articles?limit=1";
    private static final String HIT = "cache;desc=\"hit\"";

    @Inject
    DataSource dataSource;

    @Inject
    ResponseCache cache;

    @Inject
    ChangeStamps stamps;

    @Inject
    MeterRegistry metrics;

    @BeforeEach
    void listening() {
        await(() -> cache.active() && stamps.tokens().isPresent(), "the change listener is connected", PATIENCE);
    }

    @Test
    void aTokenInUseIsReadOnceAndRefusedAsSoonAsAnotherInstanceRevokesIt() {
        String secret = syncToken();
        Lookups before = lookups();
        for (int i = 0; i < 5; i++) {
            feed(secret).then().statusCode(200);
        }
        assertEquals(new Lookups(4, 1), lookups().minus(before), "read once, then kept");
        assertTrue(
                column(dataSource, "select last_used_at is not null from api_token where secret_hash = ?", hash(secret))
                        .contains("t"),
                "its use is written");

        String article = "/api/v1/articles/" + createArticleId(article(createPublisher(), "kept-through-revocation"));
        given().get(article).then().statusCode(200);
        assertTrue(timings(given().get(article)).contains(HIT), "cached before");
        // revoked by hand, as another instance or an operator would: only the notification tells this instance
        column(dataSource, "update api_token set revoked_at = now() where secret_hash = ? returning id", hash(secret));
        await(() -> feed(secret).statusCode() == 401, "the revoked token is refused", PATIENCE);
        feed(secret)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("revoked"));
        Response read = given().get(article);
        assertTrue(timings(read).contains(HIT), "a token's change drops no cached answer: " + timings(read));
    }

    @Test
    void aTokenRevokedThroughTheApiIsRefusedByTheNextRequest() {
        String secret = syncToken();
        feed(secret).then().statusCode(200);
        feed(secret).then().statusCode(200);
        String id = column(dataSource, "select id::text from api_token where secret_hash = ?", hash(secret))
                .get(0);
        admin().delete("/api/v1/tokens/" + id).then().statusCode(200);
        feed(secret).then().statusCode(401);
    }

    @Test
    void aKeptTokenIsRefusedAtItsExpiryWithoutAnyChange() throws InterruptedException {
        Instant expiry = Instant.now().plusSeconds(5);
        String secret = json().body(Map.of("name", "expiring mirror", "role", "sync", "expiresAt", expiry.toString()))
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        feed(secret).then().statusCode(200);
        Lookups before = lookups();
        feed(secret).then().statusCode(200);
        assertEquals(new Lookups(1, 0), lookups().minus(before), "kept");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 100);
        feed(secret).then().statusCode(401);
    }

    @Test
    void aKeptTokenThatIncludesChildPublishersActsForAChildAddedAfterwards() {
        String parent = createProvince("zj-kept");
        String secret = json().body(
                        Map.of("name", "浙江省编辑", "role", "editor", "publisher", parent, "includeChildren", true))
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        write(secret, article(parent, uniqueSlug("before-child"))).then().statusCode(201);
        write(secret, article(parent, uniqueSlug("kept"))).then().statusCode(201);

        Map<String, Object> city = publisher(uniqueSlug("wz-kept"));
        city.put("parent", parent);
        String child = createPublisher(city);
        Lookups before = lookups();
        write(secret, article(child, uniqueSlug("after-child")))
                .then()
                .statusCode(201)
                .body("publisher.slug", equalTo(child));
        assertEquals(
                new Lookups(1, 0), lookups().minus(before), "the token is kept; the publishers it acts for are not");
    }

    @Test
    void whileNobodyListensEveryUseReadsTheToken() {
        String secret = syncToken();
        feed(secret).then().statusCode(200);
        feed(secret).then().statusCode(200);
        column(
                dataSource,
                "select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?"
                        + " and datname = current_database()",
                ChangeListener.APPLICATION_NAME);
        await(() -> stamps.tokens().isEmpty(), "the listener notices", PATIENCE);
        // no notification can arrive now: a kept token must not be trusted
        column(dataSource, "update api_token set revoked_at = now() where secret_hash = ? returning id", hash(secret));
        feed(secret).then().statusCode(401);

        await(() -> stamps.tokens().isPresent(), "the listener reconnects", PATIENCE);
        String another = syncToken();
        Lookups before = lookups();
        feed(another).then().statusCode(200);
        feed(another).then().statusCode(200);
        assertEquals(new Lookups(1, 1), lookups().minus(before), "kept again once it listens");
    }

    /** A new sync token's secret, as a partner mirror is given one. */
    private static String syncToken() {
        return json().body(Map.of("name", "省级镜像站", "role", "sync"))
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    private static Response write(String secret, Map<String, Object> article) {
        return given().header("Authorization", "Bearer " + secret)
                .contentType("application/json")
                .body(article)
                .post("/api/v1/articles");
    }

    private static Response feed(String secret) {
        return given().header("Authorization", "Bearer " + secret).get(FEED);
    }

    private static String timings(Response response) {
        return String.join(", ", response.headers().getValues("Server-Timing"));
    }

    private static String hash(String secret) {
        return Hashes.sha256Hex(secret);
    }

    private Lookups lookups() {
        return new Lookups(
                (long) metrics.counter("cms_token_lookups", "from", "memory").count(),
                (long) metrics.counter("cms_token_lookups", "from", "database").count());
    }

    /** Stored tokens looked up, kept or read. */
    private record Lookups(long fromMemory, long fromDatabase) {

        Lookups minus(Lookups before) {
            return new Lookups(fromMemory - before.fromMemory, fromDatabase - before.fromDatabase);
        }
    }
}
