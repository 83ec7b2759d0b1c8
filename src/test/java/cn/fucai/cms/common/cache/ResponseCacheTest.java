package cn.fucai.cms.common.cache;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.await;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.metrics;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.fucai.cms.common.cache.ResponseCache.CachedResponse;
import cn.fucai.cms.common.cache.ResponseCache.Dependencies;
import cn.fucai.cms.common.http.RequestLog;
import cn.fucai.cms.support.LogLines;
import cn.fucai.cms.support.TcpProxy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's cache of anonymous reads: what it serves, that a write through the API is read back at once, that a
 * change written any other way arrives by NOTIFY and drops only what it touched, and that a lost listener connection
 * empties the cache.
 */
@QuarkusTest
@TestProfile(ResponseCacheTest.CacheOn.class)
class ResponseCacheTest {

    /** Started by the profile, before the service; the profile and the test share this class. */
    private static volatile TcpProxy relay;

    /**
     * The suite runs with the cache off (tests write with SQL and read at once); here it is on, and its change listener
     * reaches the database through a relay that a test can slow down.
     */
    public static class CacheOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            relay = TcpProxy.toTestDatabase();
            return Map.of("cms.response-cache.enabled", "true", "cms.response-cache.listener-url", relay.jdbcUrl());
        }
    }

    private static final String HIT = "cache;desc=\"hit\"";

    /** How long a change may take to show. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    DataSource dataSource;

    @Inject
    ResponseCache cache;

    @Inject
    ChangeListener listener;

    @TestHTTPResource(value = "/", management = true)
    URL managementUrl;

    private String publisher;

    @BeforeEach
    void listening() {
        await(cache::active, "the change listener is connected", PATIENCE);
        publisher = createPublisher();
    }

    /** A cache hit once went out uncompressed to a client that asked for gzip, while the computed answer did not. */
    @Test
    void aCacheHitIsGzippedForAClientThatAsksAsTheComputedAnswerIs() {
        String url = "/api/v1/articles?limit=20&publisher=" + publisher;
        for (int i = 0; i < 3; i++) {
            createArticleId(article(publisher, "gzip-" + i));
        }
        Response computed = given().header("Accept-Encoding", "gzip").get(url);
        Response hit = given().header("Accept-Encoding", "gzip").get(url);
        assertFalse(timings(computed).contains(HIT));
        assertTrue(timings(hit).contains(HIT));
        computed.then().statusCode(200).header("Content-Encoding", "gzip");
        hit.then().statusCode(200).header("Content-Encoding", "gzip");
        assertEquals(computed.asString(), hit.asString());
        // a client that does not ask for gzip (RestAssured asks unless told not to decode) gets plain JSON
        Response plain = given().config(RestAssured.config()
                        .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .get(url);
        assertTrue(timings(plain).contains(HIT));
        assertEquals(null, plain.header("Content-Encoding"));
        assertEquals(computed.asString(), plain.asString());
    }

    /** A hit for a gzip client is sent as the gzipped bytes kept with the answer: one layer, the same bytes each time. */
    @Test
    void aCacheHitForAGzipClientIsOneGzipLayerAroundThePlainAnswer() throws IOException {
        String id = createArticleId(article(publisher, "kept-gzipped"));
        String url = "/api/v1/articles/" + id;
        var raw =
                RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());
        byte[] plain = given().config(raw).get(url).asByteArray();
        Response first = given().config(raw).header("Accept-Encoding", "gzip").get(url);
        Response second = given().config(raw)
                .header("Accept-Encoding", "deflate, gzip;q=0.5")
                .get(url);
        for (Response hit : List.of(first, second)) {
            assertTrue(timings(hit).contains(HIT));
            assertEquals(List.of("gzip"), hit.headers().getValues("Content-Encoding"));
            try (var in = new GZIPInputStream(new ByteArrayInputStream(hit.asByteArray()))) {
                assertArrayEquals(plain, in.readAllBytes(), "one gzip layer around the plain answer");
            }
        }
        assertArrayEquals(first.asByteArray(), second.asByteArray(), "the same kept bytes");
        Response refused = given().config(raw)
                .header("Accept-Encoding", "gzip;q=0, identity")
                .get(url);
        assertTrue(timings(refused).contains(HIT));
        assertEquals(null, refused.header("Content-Encoding"));
        assertArrayEquals(plain, refused.asByteArray());
    }

    /**
     * An anonymous hit is answered by {@link ResponseCacheRoute}, ahead of RESTEasy, as the computed answer is: every
     * header with the same value (but its own request id and a hit's Server-Timing) for a plain reader, a gzip reader and
     * a browser of an allowed origin, and as a 304; the request log and the HTTP metrics name its route, never its path.
     */
    @Test
    void aHitCarriesEveryHeaderOfTheComputedAnswerAndItsRoute() {
        String id = createArticleId(article(publisher, "route-hit"));
        String path = "/api/v1/articles/" + id;
        var raw =
                RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());
        String etag = given().get(path).then().statusCode(200).extract().header("ETag");
        for (Map<String, String> asked : List.of(
                Map.of("Accept-Encoding", "identity"),
                Map.of("Accept-Encoding", "gzip"),
                Map.of("Accept-Encoding", "identity", "Origin", "https://www.zjfc.example"),
                Map.of("Accept-Encoding", "identity", "If-None-Match", etag))) {
            Response computed = given().config(raw)
                    .headers(asked)
                    .header("Cache-Control", "no-cache")
                    .get(path);
            Response hit = given().config(raw).headers(asked).get(path);
            assertFalse(timings(computed).contains(HIT), asked.toString());
            assertTrue(timings(hit).contains(HIT), asked.toString());
            assertEquals(computed.statusCode(), hit.statusCode(), asked.toString());
            assertEquals(comparable(computed, asked), comparable(hit, asked), asked.toString());
            if (asked.get("Accept-Encoding").equals("identity")) {
                assertArrayEquals(computed.asByteArray(), hit.asByteArray(), asked.toString());
            }
            if (asked.containsKey("Origin")) {
                assertEquals(
                        "https://www.zjfc.example", hit.header("Access-Control-Allow-Origin"), "CORS before the hit");
            }
        }

        LogLines log = LogLines.of(RequestLog.class.getName()).listen();
        try {
            String requestId = uniqueSlug("route-hit");
            Response hit = given().header("X-Request-Id", requestId).get(path);
            assertTrue(timings(hit).contains(HIT));
            await(() -> log.lines().stream().anyMatch(line -> line.contains("id=" + requestId)), "logged", PATIENCE);
            String line = log.lines().stream()
                    .filter(l -> l.contains("id=" + requestId))
                    .findFirst()
                    .orElseThrow();
            assertTrue(line.startsWith("GET /api/v1/articles/{id} 200 "), line);
        } finally {
            log.stop();
        }
        String metrics = metrics(managementUrl);
        assertTrue(metrics.contains("uri=\"/api/v1/articles/{id}\""), "hits counted by their route");
        assertFalse(metrics.contains(id), "never by their path");
    }

    /** A response's headers by lower-case name, without those a hit has of its own. */
    private static Map<String, List<String>> comparable(Response response, Map<String, String> asked) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (var header : response.headers()) {
            String name = header.getName().toLowerCase(Locale.ROOT);
            if (!name.equals("x-request-id") && !name.equals("server-timing")) {
                headers.computeIfAbsent(name, n -> new ArrayList<>()).add(header.getValue());
            }
        }
        if ("gzip".equals(asked.get("Accept-Encoding"))) {
            // gzipped as it went out, or as it was kept: the same JSON, framed by another deflater
            headers.remove("content-length");
            headers.remove("transfer-encoding");
        }
        return headers;
    }

    /** A reader who revalidates and computes the answer kept leaves it as it is; a changed or stale one is replaced. */
    @Test
    void anAnswerComputedAgainIsStoredOnlyWhenItDiffersOrTheKeptOneIsStale() {
        String id = createArticleId(article(publisher, "stored-once"));
        String path = "/api/v1/articles/" + id;
        String key = path + "?\n\n" + uniqueSlug("stored-once");
        Dependencies before = cache.dependenciesOf(path, Map.of());
        store(key, "一", "\"v1\"", before);
        CachedResponse kept = cache.get(key);
        assertArrayEquals("一".getBytes(StandardCharsets.UTF_8), GzipBody.gunzip(kept.gzipped(), kept.length()));
        store(key, "一", "\"v1\"", before);
        assertSame(kept, cache.get(key), "the same answer is not written again");
        store(key, "二", "\"v2\"", before);
        CachedResponse changed = cache.get(key);
        assertEquals("\"v2\"", changed.etag(), "an answer with another ETag replaces the kept one");
        assertArrayEquals("二".getBytes(StandardCharsets.UTF_8), GzipBody.gunzip(changed.gzipped(), changed.length()));
        cache.changed("article:" + id);
        assertNull(cache.get(key), "the article changed: the kept answer is stale");
        store(key, "二", "\"v2\"", before);
        assertNull(cache.get(key), "an answer computed before the change is not kept");
        store(key, "二", "\"v2\"", cache.dependenciesOf(path, Map.of()));
        assertNotSame(changed, cache.get(key), "computed after it, the same ETag is kept anew");
        assertEquals("\"v2\"", cache.get(key).etag());
    }

    /** An answer is kept gzipped alone until plain readers come back for it; then plain too, and weighed so. */
    @Test
    void anAnswerReadPlainOftenIsKeptPlainTooAndWeighsBoth() {
        String id = createArticleId(article(publisher, "kept-plain"));
        String path = "/api/v1/articles/" + id;
        String key = path + "?\n\n" + uniqueSlug("kept-plain");
        byte[] plain = "{\"title\":\"福彩公益金\"}".repeat(50).getBytes(StandardCharsets.UTF_8);
        cache.store(key, plain, List.of(), "\"v1\"", null, cache.dependenciesOf(path, Map.of()));
        CachedResponse gzippedAlone = cache.get(key);
        assertNull(gzippedAlone.plain());
        assertTrue(gzippedAlone.weight() < plain.length / 4, "gzipped alone: " + gzippedAlone.weight() + " bytes");
        for (int read = 1; read < ResponseCache.KEEP_PLAIN_AFTER; read++) {
            assertArrayEquals(plain, cache.plainBody(key, cache.get(key)));
            assertSame(gzippedAlone, cache.get(key), "read plain " + read + " times: still gzipped alone");
        }
        assertArrayEquals(plain, cache.plainBody(key, cache.get(key)));
        CachedResponse both = cache.get(key);
        assertArrayEquals(plain, both.plain());
        assertSame(gzippedAlone.gzipped(), both.gzipped());
        assertEquals(gzippedAlone.weight() + plain.length, both.weight());
        assertSame(both.plain(), cache.plainBody(key, both), "served as kept, not inflated again");
    }

    private void store(String key, String body, String etag, Dependencies dependencies) {
        cache.store(key, body.getBytes(StandardCharsets.UTF_8), List.of(), etag, null, dependencies);
    }

    @Test
    void aSecondAnonymousReadIsServedFromTheCacheWithItsHeadersAndWithoutSql() {
        String id = createArticleId(article(publisher, "cached"));
        Response first = given().get("/api/v1/articles/" + id);
        first.then().statusCode(200);
        assertFalse(timings(first).contains(HIT));

        Response second = given().get("/api/v1/articles/" + id);
        second.then()
                .statusCode(200)
                .contentType("application/json")
                .header("ETag", first.header("ETag"))
                .header("Content-Language", "zh-CN")
                .header("Last-Modified", first.header("Last-Modified"))
                .header("Vary", first.header("Vary"))
                .header("Cache-Control", first.header("Cache-Control"));
        assertEquals(List.of(HIT, "sql;desc=\"0 statements\""), timings(second));
        assertEquals(first.asString(), second.asString());

        Response notModified =
                given().header("If-None-Match", first.header("ETag")).get("/api/v1/articles/" + id);
        notModified.then().statusCode(304).header("ETag", first.header("ETag"));
        assertEquals("", notModified.asString());
        assertTrue(timings(notModified).contains(HIT));

        // lists keep their Link header and body-hash ETag
        String list = "/api/v1/articles?limit=1&publisher=" + publisher;
        createArticleId(article(publisher, "second"));
        Response page = given().get(list);
        Response again = given().get(list);
        assertTrue(timings(again).contains(HIT));
        again.then().header("Link", page.header("Link")).header("ETag", page.header("ETag"));
        assertEquals(page.asString(), again.asString());
    }

    /**
     * A read that sends a write's Commit-Position back as Read-After is computed, never a hit: this instance may not
     * have heard yet of a write another instance answered, and its cache would show what was there before. Found by the
     * cluster fault test (a read-back on the other instance got the older title).
     */
    @Test
    void aReadAfterAPositionIsNeverAnsweredFromTheCache() {
        String id = createArticleId(article(publisher, "read-after"));
        given().get("/api/v1/articles/" + id).then().statusCode(200);
        assertTrue(timings(given().get("/api/v1/articles/" + id)).contains(HIT), "cached");

        Response readAfter = given().header("Read-After", "0/1").get("/api/v1/articles/" + id);
        readAfter.then().statusCode(200).body("id", equalTo(id));
        assertFalse(timings(readAfter).contains(HIT), String.valueOf(timings(readAfter)));
        assertTrue(timings(given().get("/api/v1/articles/" + id)).contains(HIT), "the others are still served from it");
    }

    @Test
    void aForgedHostNeverAppearsInAnyHeaderOrBodyCachedOrNot() {
        createArticleId(article(publisher, "host-1"));
        createArticleId(article(publisher, "host-2"));
        String list = "/api/v1/articles?limit=1&publisher=" + publisher;
        Response forged = given().header("Host", "evil.example").get(list);
        Response clean = given().get(list);
        assertTrue(timings(clean).contains(HIT), "the second read is the cached answer to the forged one");
        for (Response answer : List.of(forged, clean)) {
            answer.then().statusCode(200);
            assertNoEvil(answer);
            String link = answer.header("Link");
            assertTrue(link.startsWith("</api/v1/articles?limit=1&publisher=" + publisher + "&cursor="), link);
        }
        Response publishers = given().header("Host", "evil.example:8443").get("/api/v1/publishers?limit=1");
        assertNoEvil(publishers);
        assertNoEvil(given().get("/api/v1/publishers?limit=1"));

        for (String feed :
                List.of("/api/v1/feed.atom", "/api/v1/publishers/" + publisher + "/feed.atom?locale=zh-CN")) {
            Response atom = given().header("Host", "evil.example").get(feed);
            atom.then().statusCode(200);
            assertNoEvil(atom);
            assertTrue(
                    atom.asString()
                            .contains("<link rel=\"self\" href=\"https://cms.test.example" + feed.replace("&", "&amp;")
                                    + "\""),
                    atom.asString());
        }
        String atom = given().header("Host", "evil.example")
                .get("/api/v1/publishers/" + publisher + "/feed.atom")
                .asString();
        assertTrue(
                atom.contains("href=\"https://cms.test.example/api/v1/publishers/" + publisher
                        + "/articles/host-2?locale=zh-CN\""),
                atom);

        Response created = json().header("Host", "evil.example")
                .body(article(publisher, "host-3"))
                .post("/api/v1/articles");
        created.then().statusCode(201);
        assertNoEvil(created);
        assertEquals("https://cms.test.example/api/v1/articles/" + created.path("id"), created.header("Location"));
    }

    private static void assertNoEvil(Response answer) {
        answer.headers().forEach(h -> assertFalse(h.getValue().contains("evil"), h.getName() + ": " + h.getValue()));
        assertFalse(answer.asString().contains("evil"), answer.asString());
    }

    @Test
    void aWriteThroughTheApiIsReadBackAtOnceEvenOverASlowLink() {
        Map<String, Object> body = article(publisher, "edited");
        String id = createArticleId(body);
        relay.setLatency(Duration.ofMillis(300));
        try {
            readBackAfterEachWrite(id, body);
        } finally {
            relay.setLatency(Duration.ZERO);
        }
    }

    private void readBackAfterEachWrite(String id, Map<String, Object> body) {
        for (int i = 0; i < 5; i++) {
            given().get("/api/v1/articles/" + id).then().statusCode(200);
            given().get("/api/v1/articles?publisher=" + publisher).then().statusCode(200);
            String title = "第" + i + "次修订";
            body.put("title", title);
            json().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
            given().get("/api/v1/articles/" + id).then().statusCode(200).body("title", equalTo(title));
            given().get("/api/v1/articles?publisher=" + publisher)
                    .then()
                    .statusCode(200)
                    .body("items[0].title", equalTo(title));
        }
    }

    @Test
    void aChangeWrittenWithSqlArrivesByNotifyAndDropsOnlyWhatItTouched() {
        String changed = createArticleId(article(publisher, "changed"));
        String other = createArticleId(article(publisher, "other"));
        while (ResponseCache.stripe(other)
                == ResponseCache.stripe(changed)) { // one in 65,536: the cache would rightly drop both
            other = createArticleId(article(publisher, "other-" + System.nanoTime()));
        }
        String list = "/api/v1/articles?publisher=" + publisher;
        for (String path : List.of("/api/v1/articles/" + changed, "/api/v1/articles/" + other, list)) {
            given().get(path);
            assertTrue(timings(given().get(path)).contains(HIT), path + " is cached");
        }

        column(dataSource, "update article set title = '用SQL改的标题' where id = ?::uuid returning id", changed);

        await(
                () -> given().get("/api/v1/articles/" + changed).path("title").equals("用SQL改的标题"),
                "the change is served",
                PATIENCE);
        Response list2 = given().get(list);
        assertFalse(timings(list2).contains(HIT), "a list showing any article is dropped");
        assertTrue(list2.<List<String>>path("items.title").contains("用SQL改的标题"));
        assertTrue(
                timings(given().get("/api/v1/articles/" + other)).contains(HIT),
                "another article's detail stays cached");
    }

    @Test
    void aChangeDropsOnlyTheFilteredListsItsArticleCouldBeIn() {
        String other = createPublisher();
        String changed = createArticleId(article(publisher, "facets"));
        createArticleId(article(other, "elsewhere"));
        String otherId = given().get("/api/v1/publishers/" + other).path("id");
        String category = uniqueSlug("分类");
        String publisherId = given().get("/api/v1/publishers/" + publisher).path("id");
        // a list whose key shares a stripe with one the change touches would rightly be dropped too (about 1 in 200)
        List<String> changedKeys = ResponseCache.listKeysTouched(new String[] {
            "p:" + publisherId, "p:" + publisher, "c:本地新闻", "r:330302", "r:330300", "r:330000", "r:000000"
        });
        List<String> untouchedKeys = List.of(
                "p:" + otherId,
                "p:" + other,
                "c:" + category,
                "r:110000",
                "c:本地新闻\u001fr:110000",
                "c:" + category + "\u001fr:330000");
        assumeTrue(
                untouchedKeys.stream()
                        .noneMatch(key -> changedKeys.stream()
                                .anyMatch(mine -> ResponseCache.facetStripe(mine) == ResponseCache.facetStripe(key))),
                "a list the change cannot touch shares a stripe with one it can");
        Map<String, Object> filed = article(other, "filed");
        filed.put("category", category);
        filed.put("regionCodes", List.of("110101"));
        createArticleId(filed);
        List<String> untouched = List.of(
                "/api/v1/articles?publisher=" + other,
                "/api/v1/articles?publisher=" + otherId.toUpperCase(Locale.ROOT),
                "/api/v1/articles?category=" + category,
                "/api/v1/articles?region=110000",
                // the changed article's category or region, with another filter it does not match
                "/api/v1/articles?category=本地新闻&region=110000",
                "/api/v1/articles?region=330000&category=" + category);
        List<String> touched = List.of(
                "/api/v1/articles?publisher=" + publisher,
                "/api/v1/articles?category=本地新闻&limit=5",
                "/api/v1/articles?region=330000",
                "/api/v1/articles?limit=7",
                "/api/v1/articles?publisher=" + publisher + "&category=本地新闻&region=330000");
        for (String path : concat(untouched, touched)) {
            given().get(path).then().statusCode(200);
            assertTrue(timings(given().get(path)).contains(HIT), path + " is cached");
        }

        column(dataSource, "update article set title = '只改这一篇' where id = ?::uuid returning id", changed);
        await(() -> given().get("/api/v1/articles/" + changed).path("title").equals("只改这一篇"), "the change", PATIENCE);

        for (String path : touched) {
            assertFalse(timings(given().get(path)).contains(HIT), path + " could show the article: dropped");
        }
        assertTrue(given().get(touched.get(0)).<List<String>>path("items.title").contains("只改这一篇"));
        for (String path : untouched) {
            assertTrue(timings(given().get(path)).contains(HIT), path + " cannot show it: still cached");
        }

        // moved to the other publisher: both publishers' lists change; a translation is a change of its article
        column(
                dataSource,
                "update article set publisher_id = ?::uuid where id = ?::uuid returning id",
                otherId,
                changed);
        await(() -> !timings(given().get(untouched.get(0))).contains(HIT), "the new publisher's list", PATIENCE);
        assertTrue(given().get(untouched.get(0)).<List<String>>path("items.id").contains(changed));
        assertFalse(given().get(touched.get(0)).<List<String>>path("items.id").contains(changed));
        given().get(untouched.get(2));
        assertTrue(timings(given().get(untouched.get(2))).contains(HIT));
        column(dataSource, "update article set category = ? where id = ?::uuid returning id", category, changed);
        await(
                () -> given().get(untouched.get(2))
                        .<List<String>>path("items.id")
                        .contains(changed),
                "re-filed",
                PATIENCE);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Test
    void aPublisherRenameDropsTheArticlesThatShowItsName() {
        String id = createArticleId(article(publisher, "named"));
        given().get("/api/v1/articles/" + id);
        assertTrue(timings(given().get("/api/v1/articles/" + id)).contains(HIT));
        Map<String, Object> renamed = cn.fucai.cms.support.TestData.publisher(publisher);
        renamed.put("name", "温州市福彩中心（更名）");
        json().body(renamed).put("/api/v1/publishers/" + publisher).then().statusCode(200);
        given().get("/api/v1/articles/" + id).then().body("publisher.name", equalTo("温州市福彩中心（更名）"));
    }

    @Test
    void readsWithATokenNeitherComeFromNorGoIntoTheCache() {
        String id = createArticleId(article(publisher, "private"));
        admin().get("/api/v1/articles/" + id);
        assertFalse(timings(admin().get("/api/v1/articles/" + id)).contains(HIT));
        assertFalse(timings(given().get("/api/v1/articles/" + id)).contains(HIT), "the token's read was not stored");
        assertTrue(timings(given().get("/api/v1/articles/" + id)).contains(HIT));
        assertFalse(
                timings(given().header("Cache-Control", "no-cache").get("/api/v1/articles/" + id))
                        .contains(HIT),
                "a client asking to revalidate gets a fresh answer");
    }

    /**
     * The relay is held down while the listener is away, so that no read can straddle its return (it reconnects within
     * 100 ms, and a read that began while it was away was once counted as served from the cache after it).
     */
    @Test
    void whenTheListenerLosesItsConnectionTheCacheStopsAndStartsAgainEmpty() {
        String id = createArticleId(article(publisher, "reconnect"));
        given().get("/api/v1/articles/" + id);
        assertTrue(timings(given().get("/api/v1/articles/" + id)).contains(HIT));
        String before = column(
                        dataSource,
                        "select pid::text from pg_stat_activity where application_name = ? and datname = current_database()",
                        ChangeListener.APPLICATION_NAME)
                .get(0);

        relay.setUp(false);
        try {
            await(() -> !cache.active(), "the listener notices", PATIENCE);
            // a change nobody hears of: the cached answer would now be stale
            column(dataSource, "update article set title = '离线时改的标题' where id = ?::uuid returning id", id);
            Response away = given().get("/api/v1/articles/" + id);
            assertFalse(timings(away).contains(HIT), "nothing is served while nobody listens");
            assertEquals("离线时改的标题", away.path("title"));
        } finally {
            relay.setUp(true);
        }
        await(cache::active, "the listener reconnects", PATIENCE);
        assertNotEquals(
                before,
                column(
                                dataSource,
                                "select pid::text from pg_stat_activity where application_name = ? and datname = current_database()",
                                ChangeListener.APPLICATION_NAME)
                        .get(0));
        // a change could have been missed while it was away, so what was cached before is not served
        Response back = given().get("/api/v1/articles/" + id);
        assertFalse(timings(back).contains(HIT));
        assertEquals("离线时改的标题", back.path("title"));
        Response again = given().get("/api/v1/articles/" + id);
        assertTrue(timings(again).contains(HIT));
        assertEquals("离线时改的标题", again.path("title"));
    }

    @Test
    void aSyncPageIsSharedByEveryTokenAllowedToReadItAndByNoOneElse() {
        createArticleId(article(publisher, "mirrored"));
        String url = "/api/v1/sync/articles?limit=5&publisher=" + publisher;
        Response first = admin().get(url);
        first.then().statusCode(200).body("items.size()", equalTo(1));
        assertFalse(timings(first).contains(HIT));

        Response shared = withToken(token("sync", null)).get(url);
        shared.then().statusCode(200).header("Cache-Control", "private, no-store");
        assertTrue(timings(shared).contains(HIT), "another sync token gets the same page from the cache");
        assertEquals(first.asString(), shared.asString());

        given().get(url).then().statusCode(401).contentType("application/problem+json");
        Response editor = withToken(token("editor", publisher)).get(url);
        editor.then().statusCode(403).contentType("application/problem+json");
        assertFalse(timings(editor).contains(HIT), "the role check runs before the cache");
        withToken("not-a-token-0123456789").get(url).then().statusCode(401);
    }

    @Test
    void aFeedPageEndingAtAChangeHiddenBehindAnOpenTransactionIsNotKept() throws Exception {
        String url = "/api/v1/sync/articles?limit=5&publisher=" + publisher;
        String feed = admin().get(url).then().statusCode(200).extract().path("nextCursor");
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("select pg_current_xact_id()");
            }
            // committed, notified, but behind the blocker's older transaction id: not in the feed yet
            String hidden = createArticleId(article(publisher, "behind-an-open-transaction"));
            admin().get(url + "&cursor=" + feed).then().statusCode(200).body("items.size()", equalTo(0));
            Response again = admin().get(url + "&cursor=" + feed);
            again.then().statusCode(200).body("items.size()", equalTo(0));
            assertFalse(timings(again).contains(HIT), "a page short of hidden changes is not kept");

            blocker.rollback();
            // the blocker ends without any change of its own, so no notification says the page changed
            admin().get(url + "&cursor=" + feed)
                    .then()
                    .statusCode(200)
                    .body("items.size()", equalTo(1))
                    .body("items[0].id", equalTo(hidden));
        }
        await(() -> timings(admin().get(url + "&cursor=" + feed)).contains(HIT), "the settled page is kept", PATIENCE);
    }

    private static String token(String role, String publisherId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", role + " 令牌");
        body.put("role", role);
        body.put("publisher", publisherId);
        return json().body(body)
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    private static io.restassured.specification.RequestSpecification withToken(String secret) {
        return given().header("Authorization", "Bearer " + secret);
    }

    private static List<String> timings(Response response) {
        return response.headers().getValues("Server-Timing");
    }
}
