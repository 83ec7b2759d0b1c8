package cn.fucai.cms.figure;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.await;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticle;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.common.schedule.WorkScheduler;
import cn.fucai.cms.media.MediaFixtures;
import cn.fucai.cms.support.TestClock;
import cn.fucai.cms.support.WebhookReceiver;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Embargoed figures and release bundles, driven by the test clock: a figure held until a time, or until the article it
 * cites is published, is invisible to readers everywhere (by id, lists, totals, CSV, history, asOf), and goes public
 * once, with its webhook event and its cited PDF — in the very transaction that publishes its article.
 */
@QuarkusTest
class FigureEmbargoTest {

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @Inject
    WorkScheduler scheduler;

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void resetClockAndReceiver() {
        clock.reset();
        receiver.close();
    }

    @Test
    void anEmbargoedFigureIsHiddenFromReadersUntilItsTimeThenPublishedOnce() {
        String publisher = createPublisher();
        subscribe(publisher);
        Instant until = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = FigureFixtures.fund(publisher, "330300", "raised", "5.1", "亿元");
        body.put(
                "embargoedUntil", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(until.atOffset(ZoneOffset.ofHours(8))));
        Response created = json().body(body).post("/api/v1/fund-figures");
        created.then()
                .statusCode(201)
                .body("releasedAt", nullValue())
                .body("embargoedUntil", equalTo(until.toString()))
                .body("releasedWithArticle", nullValue());
        String id = created.path("id");

        assertHidden(publisher, id);
        admin().queryParam("publisher", publisher)
                .get("/api/v1/fund-figures")
                .then()
                .body("items.id", contains(id))
                .body("items[0].releasedAt", nullValue());
        assertEquals(0, events(publisher, "figure.published"));

        clock.advance(Duration.ofMinutes(59));
        scheduler.runDue();
        assertHidden(publisher, id);

        clock.advance(Duration.ofSeconds(61));
        await(
                () -> given().get("/api/v1/fund-figures/" + id).statusCode() == 200,
                "released at its time",
                Duration.ofSeconds(10));
        String releasedAt = given().get("/api/v1/fund-figures/" + id)
                .then()
                .body("embargoedUntil", equalTo(until.toString()))
                .body("amount.amount", equalTo("510000000.00"))
                .extract()
                .path("releasedAt");
        given().queryParam("publisher", publisher)
                .get("/api/v1/fund-figures")
                .then()
                .body("items.id", contains(id));
        given().queryParam("publisher", publisher)
                .queryParam("groupBy", "year")
                .queryParam("flow", "raised")
                .get("/api/v1/fund-figures/summary")
                .then()
                .body("items[0].total.amount", equalTo("510000000.00"));
        given().get("/api/v1/fund-figures/" + id + "/revisions").then().statusCode(200);
        given().queryParam("asOf", Instant.parse(releasedAt).minusMillis(1).toString())
                .get("/api/v1/fund-figures/" + id)
                .then()
                .statusCode(404);
        given().queryParam("asOf", releasedAt)
                .get("/api/v1/fund-figures/" + id)
                .then()
                .statusCode(200);

        scheduler.runDue();
        assertEquals(1, events(publisher, "figure.published"));
        assertEquals(List.of("create", "release"), auditActions(id));
        assertEquals(List.of("false"), releaseLate(id));
    }

    @Test
    void aFigureWhoseEmbargoEndedWhileNoInstanceRanIsReleasedAtOnceAndMarkedLate() {
        String publisher = createPublisher();
        Map<String, Object> body = FigureFixtures.sales(publisher, "330300", "20.5", "亿元");
        body.put("embargoedUntil", clock.instant().plus(Duration.ofMinutes(10)).toString());
        String id = json().body(body).post("/api/v1/sales-figures").path("id");
        clock.advance(Duration.ofHours(3));
        await(
                () -> given().get("/api/v1/sales-figures/" + id).statusCode() == 200,
                "released at the first poll",
                Duration.ofSeconds(10));
        assertEquals(List.of("true"), releaseLate(id));
    }

    @Test
    void figuresCitingAScheduledArticleGoPublicInTheTransactionThatPublishesIt() throws Exception {
        String publisher = createPublisher();
        subscribe(publisher);
        Map<String, Object> announcement = article(publisher, "fund-report-2025");
        announcement.put(
                "publishedAt", clock.instant().plus(Duration.ofMinutes(10)).toString());
        String articleId = createArticle(announcement).path("id");
        Response report = MediaFixtures.upload(
                publisher,
                "2025年公益金公告.pdf",
                MediaFixtures.largePdf(20_000, System.nanoTime()),
                "application/pdf",
                Map.of());
        report.then().statusCode(201);
        String reportFile = MediaFixtures.path(report.path("url"));

        List<String> figures = new ArrayList<>();
        for (Map<String, Object> figure : List.of(
                FigureFixtures.fund(publisher, "330300", "raised", "5.6", "亿元"),
                FigureFixtures.fund(publisher, "330300", "used", "743.9", "万元"))) {
            figure.put("source", Map.of("articleId", articleId, "documentId", report.path("id"), "page", 1));
            figures.add(json().body(figure)
                    .post("/api/v1/fund-figures")
                    .then()
                    .statusCode(201)
                    .body("releasedAt", nullValue())
                    .body("releasedWithArticle", equalTo(articleId))
                    .extract()
                    .path("id"));
        }
        Map<String, Object> both = FigureFixtures.sales(publisher, "330300", "21.3", "亿元");
        both.put("source", Map.of("articleId", articleId));
        both.put("embargoedUntil", clock.instant().plus(Duration.ofDays(1)).toString());
        json().body(both)
                .post("/api/v1/sales-figures")
                .then()
                .statusCode(400)
                .body("violations.field", contains("embargoedUntil"))
                .body("violations[0].message", containsString(articleId));
        assertEquals(
                0,
                count(
                        db,
                        "select count(*) from figure f join publisher p on p.id = f.publisher_id"
                                + " where p.slug = ? and f.kind = 'sales'",
                        publisher));
        for (String figure : figures) {
            given().get("/api/v1/fund-figures/" + figure).then().statusCode(404);
        }
        given().get(reportFile).then().statusCode(404);

        // a reader that never may see the announcement without its figures, nor the figures before it
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new ArrayList<>();
            while (!done.get()) {
                boolean article = given().get("/api/v1/articles/" + articleId).statusCode() == 200;
                boolean figure =
                        given().get("/api/v1/fund-figures/" + figures.get(0)).statusCode() == 200;
                boolean articleAfter =
                        given().get("/api/v1/articles/" + articleId).statusCode() == 200;
                if (article && !figure || figure && !articleAfter) {
                    seen.add("article " + article + ", figure " + figure + ", article again " + articleAfter);
                }
            }
            return seen;
        });
        clock.advance(Duration.ofMinutes(11));
        await(
                () -> given().get("/api/v1/fund-figures/" + figures.get(1)).statusCode() == 200,
                "the figures released with their article",
                Duration.ofSeconds(10));
        done.set(true);
        assertEquals(List.of(), reader.get(), "a reader saw one without the other");

        String articleReleased = given().get("/api/v1/articles/" + articleId).path("release.releasedAt");
        for (String figure : figures) {
            given().get("/api/v1/fund-figures/" + figure)
                    .then()
                    .body("releasedAt", equalTo(articleReleased))
                    .body("source.document.id", equalTo(report.path("id")));
            assertEquals(List.of("create", "release"), auditActions(figure));
        }
        given().get(reportFile).then().statusCode(200);
        assertEquals(1, events(publisher, "figure.imported"), "the two figures, announced once");
        assertEquals(1, events(publisher, "article.published"));
    }

    @Test
    void publishingTheCitedArticleByHandReleasesItsFiguresInTheSameWrite() {
        String publisher = createPublisher();
        Map<String, Object> draft = article(publisher, "draft-report");
        draft.put("status", "draft");
        Response created = createArticle(draft);
        String articleId = created.path("id");
        Map<String, Object> figure = FigureFixtures.sales(publisher, "330300", "20.5", "亿元");
        figure.put("source", Map.of("articleId", articleId, "quote", "销量20.5亿元"));
        String figureId = json().body(figure).post("/api/v1/sales-figures").path("id");
        given().get("/api/v1/sales-figures/" + figureId).then().statusCode(404);

        draft.put("status", "published");
        json().header("If-Match", created.header("ETag"))
                .body(draft)
                .put("/api/v1/articles/" + articleId)
                .then()
                .statusCode(200);
        given().get("/api/v1/sales-figures/" + figureId).then().statusCode(200).body("releasedAt", notNullValue());
    }

    @Test
    void aHeldFigureCanBeCorrectedQuietlyButNotReEmbargoed() {
        String publisher = createPublisher();
        subscribe(publisher);
        Map<String, Object> body = FigureFixtures.fund(publisher, "330300", "raised", "5.1", "亿元");
        body.put("embargoedUntil", clock.instant().plus(Duration.ofHours(2)).toString());
        Response created = json().body(body).post("/api/v1/fund-figures");
        String id = created.path("id");
        body.remove("embargoedUntil");
        body.put("amount", FigureFixtures.amount("5.2", "亿元"));
        json().header("If-Match", created.header("ETag"))
                .body(Map.of("reason", "公告更正", "figure", body))
                .post("/api/v1/fund-figures/" + id + "/corrections")
                .then()
                .statusCode(200)
                .body("revision", equalTo(2))
                .body("releasedAt", nullValue());
        body.put("embargoedUntil", clock.instant().plus(Duration.ofHours(3)).toString());
        json().body(Map.of("reason", "推迟发布", "figure", body))
                .post("/api/v1/fund-figures/" + id + "/corrections")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("figure.embargoedUntil"));
        assertEquals(2, count(db, "select count(*) from figure_revision where figure_id = ?::uuid", id));
        String publisherId = admin().get("/api/v1/publishers/" + publisher).path("id");
        assertEquals(0, count(db, "select count(*) from webhook_event where publisher_id = ?::uuid", publisherId));
        given().get("/api/v1/fund-figures/" + id).then().statusCode(404);
    }

    /** A reader sees nothing of the figure: not by id, in lists, totals, exports, history or at any moment. */
    private void assertHidden(String publisher, String id) {
        given().get("/api/v1/fund-figures/" + id).then().statusCode(404);
        given().get("/api/v1/fund-figures/" + id + "/revisions").then().statusCode(404);
        given().queryParam("asOf", clock.instant().toString())
                .get("/api/v1/fund-figures/" + id)
                .then()
                .statusCode(404);
        given().queryParam("publisher", publisher)
                .get("/api/v1/fund-figures")
                .then()
                .body("items", empty());
        given().queryParam("publisher", publisher)
                .queryParam("groupBy", "year")
                .queryParam("flow", "raised")
                .get("/api/v1/fund-figures/summary")
                .then()
                .statusCode(200)
                .body("items", empty());
        String csv = given().accept("text/csv")
                .queryParam("publisher", publisher)
                .get("/api/v1/fund-figures")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(csv.startsWith("\uFEFF"), "the export itself was written");
        given().accept("text/csv")
                .queryParam("publisher", publisher)
                .get("/api/v1/fund-figures")
                .then()
                .body(not(containsString(id)));
    }

    private void subscribe(String publisher) {
        receiver.subscribe(publisher, List.of("figure.published", "figure.corrected", "article.published"));
    }

    private long events(String publisher, String type) {
        return count(
                db,
                "select count(*) from webhook_event e join publisher p on p.id = e.publisher_id"
                        + " where p.slug = ? and e.event_type = ?",
                publisher,
                type);
    }

    /** Whether the audit entry of the figure's release says it was late. */
    private List<String> releaseLate(String id) {
        return column(
                db, "select after_state ->> 'late' from audit_event where resource_id = ? and action = 'release'", id);
    }

    private List<String> auditActions(String id) {
        return column(db, "select action from audit_event where resource_id = ? order by occurred_at, id", id);
    }
}
