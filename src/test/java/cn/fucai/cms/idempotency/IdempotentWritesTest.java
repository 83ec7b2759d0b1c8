package cn.fucai.cms.idempotency;

import static cn.fucai.cms.support.TestData.ADMIN_TOKEN;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.token;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.common.http.Idempotent;
import cn.fucai.cms.common.http.OpenApiConventions;
import cn.fucai.cms.figure.FigureFixtures;
import cn.fucai.cms.media.MediaFixtures;
import cn.fucai.cms.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Idempotent writes: a retried POST with the same Idempotency-Key gets the first answer and writes nothing; the same
 * key with another request is refused and writes nothing; concurrent retries make one write; keys belong to their
 * caller and expire (the test clock passes the retention).
 */
@QuarkusTest
class IdempotentWritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void fiftyConcurrentRetriesOfOneCreateMakeOneArticleAndTheSameAnswer() throws Exception {
        String publisher = createPublisher();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = article(publisher, "retried");
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Callable<Response>> sends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sends.add(() -> {
                // a client retries while the first request is still running, as the 409 asks, until it is answered
                for (int attempt = 0; ; attempt++) {
                    Response answer =
                            json().header(Idempotent.KEY, key).body(body).post("/api/v1/articles");
                    if (answer.statusCode() != 409) {
                        return answer;
                    }
                    assertEquals("1", answer.header("Retry-After"));
                    assertTrue(attempt < 200, "still running after 200 retries");
                    Thread.sleep(20);
                }
            });
        }
        List<Response> answers = new ArrayList<>();
        try {
            for (Future<Response> answer : clients.invokeAll(sends)) {
                answers.add(answer.get());
            }
        } finally {
            clients.shutdown();
        }
        assertEquals(1, articlesOf(publisher));
        Set<String> bodies = new HashSet<>();
        Set<String> locations = new HashSet<>();
        int replays = 0;
        for (Response answer : answers) {
            assertEquals(201, answer.statusCode(), answer.asString());
            bodies.add(JSON.readTree(answer.asString()).toString());
            locations.add(answer.header("Location"));
            replays += "true".equals(answer.header(Idempotent.REPLAYED)) ? 1 : 0;
        }
        assertEquals(1, bodies.size(), "every answer is the first one");
        assertEquals(1, locations.size());
        assertEquals(49, replays, "all but the first are replays");
        assertEquals(
                1,
                count(
                        db,
                        "select count(*) from audit_event where resource_type = 'article' and action = 'create'"
                                + " and resource_id = ?",
                        (String) answers.get(0).path("id")));
    }

    @Test
    void aReplayRepeatsStatusHeadersAndBodyAndWritesNothing() throws Exception {
        String publisher = createPublisher();
        String key = "figure-" + System.nanoTime();
        Map<String, Object> figure = FigureFixtures.fund(publisher, "330300", "raised", "5.1", "亿元");
        Response first = json().header(Idempotent.KEY, key).body(figure).post("/api/v1/fund-figures");
        first.then().statusCode(201);
        assertNull(first.header(Idempotent.REPLAYED));
        long written = count(db, "select count(*) from figure_revision");
        long audited = count(db, "select count(*) from audit_event");

        // the same request, its JSON written in another order: the same request
        Map<String, Object> reordered = new TreeMap<>(figure);
        Response again = json().header(Idempotent.KEY, key).body(reordered).post("/api/v1/fund-figures");
        again.then().statusCode(201).header(Idempotent.REPLAYED, "true").contentType(ContentType.JSON);
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.header("ETag"), again.header("ETag"));
        JsonNode original = JSON.readTree(first.asString());
        assertEquals(original, JSON.readTree(again.asString()));
        assertEquals("510000000.00", original.at("/amount/amount").asText());
        assertEquals(written, count(db, "select count(*) from figure_revision"));
        assertEquals(audited, count(db, "select count(*) from audit_event"));
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndNothingIsWritten() {
        String publisher = createPublisher();
        String key = "key-" + System.nanoTime();
        json().header(Idempotent.KEY, key)
                .body(article(publisher, "first"))
                .post("/api/v1/articles")
                .then()
                .statusCode(201);
        long articles = count(db, "select count(*) from article");
        Map<String, Object> other = article(publisher, "first");
        other.put("title", "另一篇文章");
        json().header(Idempotent.KEY, key)
                .body(other)
                .post("/api/v1/articles")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/idempotency-key-reused"))
                .body("detail", containsString(key));
        // the same body to another endpoint is another request too
        json().header(Idempotent.KEY, key)
                .body(FigureFixtures.sales(publisher, "330300", "20.5", "亿元"))
                .post("/api/v1/sales-figures")
                .then()
                .statusCode(422);
        assertEquals(articles, count(db, "select count(*) from article"));
        assertEquals(
                0,
                count(
                        db,
                        "select count(*) from figure f join publisher p on p.id = f.publisher_id" + " where p.slug = ?",
                        publisher));
    }

    @Test
    void aRefusedWriteKeepsNoAnswerSoItsCorrectedRetryRuns() {
        String publisher = createPublisher();
        String key = "fix-" + System.nanoTime();
        Map<String, Object> body = article(publisher, "Not A Slug");
        json().header(Idempotent.KEY, key)
                .body(body)
                .post("/api/v1/articles")
                .then()
                .statusCode(400);
        body.put("slug", "a-slug");
        json().header(Idempotent.KEY, key)
                .body(body)
                .post("/api/v1/articles")
                .then()
                .statusCode(201);
        assertEquals(0, count(db, "select count(*) from idempotency_key where key = ? and status >= 400", key));
    }

    @Test
    void keysBelongToTheirCallerAndExpireAfterTheRetention() {
        String publisher = createPublisher();
        String editor = token("editor", publisher);
        String key = "shared-" + System.nanoTime();
        String byAdmin = json().header(Idempotent.KEY, key)
                .body(article(publisher, "by-admin"))
                .post("/api/v1/articles")
                .path("id");
        String byEditor = given().header("Authorization", "Bearer " + editor)
                .contentType(ContentType.JSON)
                .header(Idempotent.KEY, key)
                .body(article(publisher, "by-editor"))
                .post("/api/v1/articles")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertNotEquals(byAdmin, byEditor, "another caller's key is not yours");

        clock.advance(Duration.ofHours(23));
        json().header(Idempotent.KEY, key)
                .body(article(publisher, "by-admin"))
                .post("/api/v1/articles")
                .then()
                .statusCode(201)
                .header(Idempotent.REPLAYED, "true");
        clock.advance(Duration.ofHours(2));
        json().header(Idempotent.KEY, key)
                .body(article(publisher, "after-a-day"))
                .post("/api/v1/articles")
                .then()
                .statusCode(201)
                .header(Idempotent.REPLAYED, nullValue())
                .body("slug", equalTo("after-a-day"));
    }

    @Test
    void aKeyThatIsNotOneIsRefusedNamingTheHeader() {
        String publisher = createPublisher();
        for (String bad : List.of("", "x".repeat(256), "空格 key")) {
            json().header(Idempotent.KEY, bad)
                    .body(article(publisher, "bad-key"))
                    .post("/api/v1/articles")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem(Idempotent.KEY));
        }
        assertEquals(0, articlesOf(publisher));
    }

    @Test
    void anUploadRetriedWithItsKeyIsStoredOnce() {
        String publisher = createPublisher();
        byte[] photo = MediaFixtures.jpeg(640, 480, (int) System.nanoTime());
        String key = "upload-" + System.nanoTime();
        Response first = upload(publisher, key, photo);
        first.then().statusCode(201);
        Response again = upload(publisher, key, photo);
        again.then().statusCode(201).header(Idempotent.REPLAYED, "true").body("id", equalTo(first.path("id")));
        byte[] other = MediaFixtures.jpeg(640, 480, (int) System.nanoTime() + 1);
        upload(publisher, key, other).then().statusCode(422);
        assertEquals(
                1,
                count(
                        db,
                        "select count(*) from media m join publisher p on p.id = m.publisher_id" + " where p.slug = ?",
                        publisher));
    }

    @Test
    void everyPostOfTheApiIsAnIdempotentWriteAndSaysSo() throws Exception {
        methods()
                .that()
                .areAnnotatedWith(POST.class)
                .and(notMarkedNotIdempotent())
                .should()
                .beAnnotatedWith(Idempotent.class)
                .andShould()
                .haveRawReturnType(RestResponse.class)
                .because("a POST that cannot be retried safely is a duplicate waiting to happen")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("cn.fucai.cms"));
        JsonNode paths = JSON.readTree(Files.readString(Path.of("target/openapi-generated/openapi.json")))
                .path("paths");
        int posts = 0;
        for (var path = paths.fields(); path.hasNext(); ) {
            var entry = path.next();
            JsonNode post = entry.getValue().path("post");
            if (post.isMissingNode()
                    || post.path(OpenApiConventions.NOT_IDEMPOTENT).asText().equals("false")) {
                continue;
            }
            posts++;
            boolean documented = false;
            for (JsonNode parameter : post.path("parameters")) {
                documented |= parameter.path("name").asText().equals(Idempotent.KEY)
                        && parameter.path("in").asText().equals("header");
            }
            assertTrue(documented, entry.getKey() + " documents " + Idempotent.KEY);
            assertTrue(post.path("responses").has("422"), entry.getKey() + " documents 422");
        }
        assertTrue(posts >= 10, "the document has its POST operations: " + posts);
    }

    /** Sign-in is the one POST that is not idempotent (each opens a session), and says so in the document. */
    private static DescribedPredicate<JavaMethod> notMarkedNotIdempotent() {
        return DescribedPredicate.describe(
                "not marked " + OpenApiConventions.NOT_IDEMPOTENT + ": false",
                method -> method.tryGetAnnotationOfType(Extension.class)
                        .filter(extension -> extension.name().equals(OpenApiConventions.NOT_IDEMPOTENT)
                                && extension.value().equals("false"))
                        .isEmpty());
    }

    private long articlesOf(String publisher) {
        return count(
                db,
                "select count(*) from article a join publisher p on p.id = a.publisher_id where p.slug = ?",
                publisher);
    }

    /** An upload of a JPEG as the request body, with the admin token and this key. */
    private static Response upload(String publisher, String key, byte[] jpeg) {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header(Idempotent.KEY, key)
                .contentType("image/jpeg")
                .body(jpeg)
                .post("/api/v1/media?publisher=" + publisher);
    }
}
