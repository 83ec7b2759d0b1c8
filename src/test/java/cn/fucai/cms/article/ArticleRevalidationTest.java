package cn.fucai.cms.article;

import static cn.fucai.cms.support.ServerTiming.statements;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.bilingualArticle;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.translation;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A revalidation of an article (If-None-Match) that matches is answered from its validators alone, one statement
 * without the texts, with the headers the whole read gives its 304; one that does not match gets the whole article,
 * and one of an article the caller may not see gets the same 404 or 410 as a read. Every request is computed
 * ({@code Cache-Control: no-cache}), never a response-cache hit.
 */
@QuarkusTest
class ArticleRevalidationTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aMatchingRevalidationIsOneStatementWithTheHeadersOfTheRead() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, "revalidated");
        body.put("translations", List.of(translation("en", "Revalidated")));
        String id = createArticleId(body);
        String url = "/api/v1/articles/" + id;

        Response read = computed().header("Accept-Language", "en").get(url);
        read.then().statusCode(200).body("title", equalTo("Revalidated"));
        String etag = read.header("ETag");
        Response revalidated = computed()
                .header("Accept-Language", "en")
                .header("If-None-Match", etag)
                .get(url);
        revalidated.then().statusCode(304).body(equalTo(""));
        assertEquals(etag, revalidated.header("ETag"));
        assertEquals(read.header("Last-Modified"), revalidated.header("Last-Modified"));
        assertEquals("en", revalidated.header("Content-Language"));
        assertTrue(revalidated.header("Vary").contains("Accept-Language"), revalidated.header("Vary"));
        assertEquals(1, statements(revalidated));

        // the same ETag in another locale is another representation: the whole read, in Chinese
        Response other = computed().header("If-None-Match", etag).get(url);
        other.then().statusCode(200).body("title", equalTo("温州福彩2019年销量再破20亿"));
        assertEquals("zh-CN", other.header("Content-Language"));
        assertEquals(2, statements(other));

        // selected fields have ETags of their own, revalidated alike; a weak form of the ETag matches too
        Response sparse = computed().get(url + "?fields=id,title");
        String sparseEtag = sparse.header("ETag");
        assertNotEquals(read.header("ETag"), sparseEtag);
        computed()
                .header("If-None-Match", "W/" + sparseEtag)
                .get(url + "?fields=id,title")
                .then()
                .statusCode(304)
                .header("ETag", sparseEtag);
    }

    @Test
    void aRevalidationBySlugIsAnsweredAlike() {
        String publisher = createPublisher();
        createArticleId(bilingualArticle(publisher, "by-slug", "By slug"));
        String url = "/api/v1/publishers/" + publisher + "/articles/by-slug";

        Response read = computed().header("Accept-Language", "en").get(url);
        read.then().statusCode(200).body("title", equalTo("By slug"));
        Response revalidated = computed()
                .header("Accept-Language", "en")
                .header("If-None-Match", read.header("ETag"))
                .get(url);
        revalidated.then().statusCode(304).body(equalTo(""));
        assertEquals(read.header("ETag"), revalidated.header("ETag"));
        assertEquals(read.header("Last-Modified"), revalidated.header("Last-Modified"));
        assertEquals("en", revalidated.header("Content-Language"));
        assertTrue(statements(revalidated)
                < statements(computed().header("If-None-Match", "\"0.0-xx\"").get(url)));

        Map<String, Object> draft = article(publisher, "draft-by-slug");
        draft.put("status", "draft");
        createArticleId(draft);
        computed()
                .header("If-None-Match", "*")
                .get("/api/v1/publishers/" + publisher + "/articles/draft-by-slug")
                .then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void aRevalidationAfterAChangeGetsTheChangedArticle() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, "changed");
        String id = createArticleId(body);
        String url = "/api/v1/articles/" + id;
        String etag = computed().header("Accept-Language", "en").get(url).header("ETag");
        assertTrue(etag.endsWith("-zh-CN\""), etag);

        // an English translation published since: a reader of English is now served another representation
        body.put("translations", List.of(translation("en", "Changed")));
        json().body(body).put(url).then().statusCode(200);
        Response now = computed()
                .header("Accept-Language", "en")
                .header("If-None-Match", etag)
                .get(url);
        now.then().statusCode(200).body("title", equalTo("Changed")).header("Content-Language", "en");
        assertNotEquals(etag, now.header("ETag"));

        // the publisher's name is shown in the article: renaming it changes the ETag too
        String renamed = now.header("ETag");
        Map<String, Object> rename = publisher(publisher);
        rename.put("name", "改名的福彩中心");
        json().body(rename).put("/api/v1/publishers/" + publisher).then().statusCode(200);
        Response afterRename = computed()
                .header("Accept-Language", "en")
                .header("If-None-Match", renamed)
                .get(url);
        afterRename.then().statusCode(200).body("publisher.name", equalTo("改名的福彩中心"));
        assertNotEquals(renamed, afterRename.header("ETag"));
    }

    @Test
    void aRevalidationRevealsNothingAReadWouldNot() {
        String publisher = createPublisher();
        Map<String, Object> draft = article(publisher, "hidden-draft");
        draft.put("status", "draft");
        String draftId = createArticleId(draft);
        computed()
                .header("If-None-Match", "*")
                .get("/api/v1/articles/" + draftId)
                .then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"));

        String deletedId = createArticleId(article(publisher, "deleted-after"));
        json().delete("/api/v1/articles/" + deletedId).then().statusCode(204);
        computed()
                .header("If-None-Match", "*")
                .get("/api/v1/articles/" + deletedId)
                .then()
                .statusCode(410)
                .contentType(containsString("application/problem+json"));

        computed()
                .header("If-None-Match", "*")
                .get("/api/v1/articles/0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
                .then()
                .statusCode(404);
    }

    /**
     * Revalidations that wait for their turn share a statement ({@code CoalescedReads}), but never one that began
     * before they arrived: while six clients keep revalidating the same article, each revalidation sent after a write
     * was answered is answered from the written article, never with a 304 for the ETag it replaced. Each request's
     * {@code Server-Timing} counts the statements read for it: one for a 304, two for a changed article.
     */
    @Test
    void aRevalidationAmongManyIsNeverAnsweredFromBeforeAWriteItFollows() throws Exception {
        Map<String, Object> body = article(createPublisher(), "raced");
        String url = "/api/v1/articles/" + createArticleId(body);
        String first = computed().get(url).header("ETag");
        AtomicBoolean racing = new AtomicBoolean(true);
        AtomicInteger raced = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> load = new ArrayList<>();
            for (int client = 0; client < 6; client++) {
                load.add(clients.submit(() -> {
                    while (racing.get()) {
                        Response revalidated =
                                computed().header("If-None-Match", first).get(url);
                        int status = revalidated.statusCode();
                        assertTrue(status == 200 || status == 304, "status " + status);
                        // counted for this request, whichever thread ran a statement it shared
                        assertEquals(status == 304 ? 1 : 2, statements(revalidated), "statements of a " + status);
                        raced.incrementAndGet();
                    }
                }));
            }
            String etag = first;
            for (int write = 0; write < 40; write++) {
                body.put("title", "第" + write + "次修改的标题");
                json().body(body).put(url).then().statusCode(200);
                Response after = computed().header("If-None-Match", etag).get(url);
                after.then().statusCode(200).body("title", equalTo("第" + write + "次修改的标题"));
                assertNotEquals(etag, after.header("ETag"));
                etag = after.header("ETag");
                computed()
                        .header("If-None-Match", etag)
                        .get(url)
                        .then()
                        .statusCode(304)
                        .header("ETag", etag);
            }
            racing.set(false);
            for (Future<?> client : load) {
                client.get(30, TimeUnit.SECONDS);
            }
        } finally {
            racing.set(false);
            clients.shutdownNow();
        }
        assertTrue(raced.get() > 40, "the other clients revalidated meanwhile: " + raced.get());
    }

    /**
     * Anonymous reads sent all at once, so that most wait for a statement another began and are answered from a shared
     * one on a thread of no request: each gets what a read alone would (status, ETag, body), and its
     * {@code Server-Timing} counts the statements read for it alone: one, or two for a revalidation that no longer
     * matches.
     */
    @Test
    void readsSentAllAtOnceAreEachAnsweredAndCountedAsIfAlone() throws Exception {
        String publisher = createPublisher();
        String published = "/api/v1/articles/" + createArticleId(article(publisher, "burst"));
        String etag = computed().get(published).header("ETag");
        Map<String, Object> draft = article(publisher, "burst-draft");
        draft.put("status", "draft");
        String hidden = "/api/v1/articles/" + createArticleId(draft);
        String deleted = "/api/v1/articles/" + createArticleId(article(publisher, "burst-deleted"));
        json().delete(deleted).then().statusCode(204);

        // path, If-None-Match (or none), expected status, statements
        List<Object[]> kinds = List.of(
                new Object[] {published, null, 200, 1},
                new Object[] {published, etag, 304, 1},
                new Object[] {published, "\"0.0-changed\"", 200, 2},
                new Object[] {hidden, null, 404, 1},
                new Object[] {hidden, "*", 404, 1},
                new Object[] {deleted, null, 410, 1},
                new Object[] {deleted, etag, 410, 1});
        HttpClient http = HttpClient.newHttpClient();
        for (int round = 0; round < 10; round++) {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            List<Object[]> expected = new ArrayList<>();
            for (int copy = 0; copy < 6; copy++) {
                for (Object[] kind : kinds) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve((String) kind[0]))
                            .header("Cache-Control", "no-cache");
                    if (kind[1] != null) {
                        request.header("If-None-Match", (String) kind[1]);
                    }
                    sent.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
                    expected.add(kind);
                }
            }
            for (int i = 0; i < sent.size(); i++) {
                HttpResponse<String> answer = sent.get(i).get(30, TimeUnit.SECONDS);
                Object[] kind = expected.get(i);
                String what = kind[0] + " If-None-Match " + kind[1];
                assertEquals(kind[2], answer.statusCode(), what);
                assertEquals(
                        kind[3],
                        statements(answer.headers().firstValue("Server-Timing").orElse(null)),
                        what);
                if (answer.statusCode() == 200) {
                    assertEquals(etag, answer.headers().firstValue("ETag").orElseThrow(), what);
                    assertTrue(answer.body().contains("\"slug\":\"burst\""), answer.body());
                } else if (answer.statusCode() == 304) {
                    assertEquals(etag, answer.headers().firstValue("ETag").orElseThrow(), what);
                    assertEquals("", answer.body());
                } else {
                    assertTrue(
                            answer.headers()
                                    .firstValue("Content-Type")
                                    .orElseThrow()
                                    .startsWith("application/problem+json"),
                            what);
                }
            }
        }
    }

    private static RequestSpecification computed() {
        return given().header("Cache-Control", "no-cache");
    }
}
