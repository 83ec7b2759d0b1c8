package cn.fucai.cms.article;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduled publishing, driven by the test clock: an article is invisible everywhere until its time, then published
 * once by the scheduler with every trace a manual publish leaves; unpublish times archive it the same way. The
 * scheduler's own job runs as in production (waking every second, sleeping to the exact instant); tests move the clock
 * and wait for it, or call it directly from several threads to race it.
 */
@QuarkusTest
class ScheduledPublishingTest {

    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

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
    void anArticleScheduledForLaterIsInvisibleEverywhereUntilItsTimeThenPublishedOnceAsByHand() {
        String publisher = createPublisher();
        subscribe(publisher);
        String word = "Sched" + Long.toString(System.nanoTime(), 36);
        String mirrorCursor = feedCursor(publisher);
        Instant at = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = article(publisher, "annual-report");
        body.put("title", "2025年度公益金筹集使用情况公告 " + word);
        body.put("publishedAt", RFC_3339.format(at.atOffset(ZoneOffset.ofHours(8))));
        Response created = createArticle(body);
        created.then()
                .body("status", equalTo("scheduled"))
                .body("publishedAt", equalTo(at.toString()))
                .body("release", nullValue());
        String id = created.path("id");

        assertInvisible(publisher, id, word, mirrorCursor);
        admin().queryParam("publisher", publisher)
                .queryParam("status", "scheduled")
                .get("/api/v1/articles")
                .then()
                .statusCode(200)
                .body("items.id", contains(id));
        assertEquals(0, events(id, "article.published"));

        clock.advance(Duration.ofMinutes(59));
        scheduler.runDue(); // nothing of this article is due a minute early
        assertInvisible(publisher, id, word, mirrorCursor);

        clock.advance(Duration.ofSeconds(61));
        awaitPublished(id);
        given().get("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("published"))
                .body("publishedAt", equalTo(at.toString()))
                .body("release.scheduledFor", equalTo(at.toString()))
                .body("release.late", equalTo(false));
        given().queryParam("publisher", publisher)
                .get("/api/v1/articles")
                .then()
                .body("items.id", contains(id));
        given().queryParam("q", word).get("/api/v1/search").then().body("items.id", contains(id));
        given().get("/api/v1/publishers/" + publisher + "/feed.atom").then().body(containsString(id));
        Response mirror = feed(publisher, mirrorCursor);
        mirror.then().body("items.id", contains(id)).body("items[0].type", equalTo("upsert"));
        assertEquals(at.toString(), mirror.path("items[0].article.release.scheduledFor"));

        scheduler.runDue(); // a published article is not published again
        assertEquals(1, events(id, "article.published"), "one webhook event, as a manual publish has");
        assertEquals(List.of("create", "release"), auditActions(id));
        assertEquals(1, count(db, "select count(*) from article_change where article_id = ?::uuid", id));
    }

    @Test
    void publishTimesAreAbsoluteWhateverOffsetTheyAreWrittenWith() {
        String publisher = createPublisher();
        Instant at = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        for (ZoneOffset offset : List.of(ZoneOffset.ofHours(8), ZoneOffset.UTC, ZoneOffset.ofHours(-5))) {
            Map<String, Object> body = article(publisher, "offset-" + (offset.getTotalSeconds() + 86_400));
            body.put("publishedAt", RFC_3339.format(at.atOffset(offset)));
            ids.add(createArticle(body)
                    .then()
                    .body("publishedAt", equalTo(at.toString()))
                    .extract()
                    .path("id"));
        }

        clock.setTo(at.minusSeconds(2));
        scheduler.runDue();
        for (String id : ids) {
            given().get("/api/v1/articles/" + id).then().statusCode(404);
        }
        clock.setTo(at.plusMillis(100));
        scheduler.runDue();
        for (String id : ids) {
            // with the response cache on, the 404 cached before goes when the change's notification comes back
            awaitPublished(id);
            given().get("/api/v1/articles/" + id).then().statusCode(200).body("status", equalTo("published"));
        }
    }

    @Test
    void reschedulingNeedsTheCurrentVersionAndCancellingMakesItADraftAgain() {
        String publisher = createPublisher();
        Instant at = clock.instant().plus(Duration.ofHours(1));
        Map<String, Object> body = article(publisher, "press-conference");
        body.put("publishedAt", at.toString());
        Response created = createArticle(body);
        String id = created.path("id");
        String etag = created.header("ETag");

        Instant later = at.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        body.put("publishedAt", later.toString());
        Response moved = json().header("If-Match", etag).body(body).put("/api/v1/articles/" + id);
        moved.then()
                .statusCode(200)
                .body("status", equalTo("scheduled"))
                .body("publishedAt", equalTo(later.toString()));
        json().header("If-Match", etag)
                .body(article(publisher, "press-conference"))
                .put("/api/v1/articles/" + id)
                .then()
                .statusCode(412);
        admin().get("/api/v1/articles/" + id).then().body("publishedAt", equalTo(later.toString()));

        clock.advance(Duration.ofMinutes(61));
        scheduler.runDue();
        given().get("/api/v1/articles/" + id).then().statusCode(404);

        body.put("status", "draft");
        json().header("If-Match", moved.header("ETag"))
                .body(body)
                .put("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("draft"));
        clock.advance(Duration.ofHours(1));
        scheduler.runDue();
        given().get("/api/v1/articles/" + id).then().statusCode(404);
        admin().get("/api/v1/articles/" + id).then().body("status", equalTo("draft"));
        assertEquals(List.of("create", "update", "update"), auditActions(id));
    }

    @Test
    void aPublishTimeThatHasPassedPublishesNow() {
        String publisher = createPublisher();
        subscribe(publisher);
        Map<String, Object> body = article(publisher, "already-due");
        body.put("status", "scheduled");
        body.put("publishedAt", "2026-01-01T09:00:00+08:00");
        String id = createArticle(body)
                .then()
                .body("status", equalTo("published"))
                .body("publishedAt", equalTo("2026-01-01T01:00:00Z"))
                .body("release", nullValue())
                .extract()
                .path("id");
        given().get("/api/v1/articles/" + id).then().statusCode(200);
        assertEquals(1, events(id, "article.published"));
    }

    @Test
    void schedulesThatCannotHoldAreRefusedNamingTheFieldAndNothingIsWritten() {
        String publisher = createPublisher();
        Instant at = clock.instant().plus(Duration.ofDays(1));
        Map<String, Object> noTime = article(publisher, "no-time");
        noTime.put("status", "scheduled");
        noTime.remove("publishedAt");
        Map<String, Object> endsFirst = article(publisher, "ends-first");
        endsFirst.put("publishedAt", at.toString());
        endsFirst.put("unpublishAt", at.minusSeconds(1).toString());
        Map<String, Object> endsBeforeNow = article(publisher, "ends-before-now");
        endsBeforeNow.put("publishedAt", "2020-01-01T00:00:00Z");
        endsBeforeNow.put("unpublishAt", clock.instant().minusSeconds(60).toString());
        Map<String, Object> notATime = article(publisher, "not-a-time");
        notATime.put("publishedAt", "2026-03-01 09:00");
        for (Map.Entry<Map<String, Object>, String> refused : Map.of(
                        noTime, "publishedAt",
                        endsFirst, "unpublishAt",
                        endsBeforeNow, "unpublishAt",
                        notATime, "publishedAt")
                .entrySet()) {
            json().body(refused.getKey())
                    .post("/api/v1/articles")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem(refused.getValue()));
        }
        assertEquals(
                0,
                count(
                        db,
                        "select count(*) from article a join publisher p on p.id = a.publisher_id where p.slug = ?",
                        publisher));
    }

    @Test
    void anUnpublishTimeArchivesThePublishedArticleOnceWithItsEvent() {
        String publisher = createPublisher();
        subscribe(publisher);
        String mirrorCursor = feedCursor(publisher);
        Instant until = clock.instant().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> body = article(publisher, "event-notice");
        body.put("unpublishAt", RFC_3339.format(until.atOffset(ZoneOffset.ofHours(8))));
        String id = createArticle(body)
                .then()
                .body("status", equalTo("published"))
                .body("unpublishAt", equalTo(until.toString()))
                .extract()
                .path("id");
        given().get("/api/v1/articles/" + id).then().statusCode(200);

        clock.advance(Duration.ofMinutes(31));
        await(
                () -> given().get("/api/v1/articles/" + id).statusCode() == 404,
                "archived at its time",
                Duration.ofSeconds(10));
        admin().get("/api/v1/articles/" + id).then().body("status", equalTo("archived"));
        scheduler.runDue();
        assertEquals(1, events(id, "article.unpublished"));
        assertEquals(List.of("create", "expire"), auditActions(id));
        List<Map<String, Object>> items = feed(publisher, mirrorCursor).path("items");
        assertEquals("remove", items.get(items.size() - 1).get("type"));
        assertEquals("archived", items.get(items.size() - 1).get("reason"));
    }

    @Test
    void whatFellDueWhileNoInstanceRanIsPublishedAtOnceAndMarkedLate() {
        String publisher = createPublisher();
        String mirrorCursor = feedCursor(publisher);
        Instant at = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = article(publisher, "while-down");
        body.put("publishedAt", at.toString());
        String id = createArticle(body).path("id");

        clock.advance(Duration.ofHours(3));
        awaitPublished(id);
        given().get("/api/v1/articles/" + id)
                .then()
                .body("release.scheduledFor", equalTo(at.toString()))
                .body("release.late", equalTo(true));
        assertEquals(
                List.of("true"),
                column(
                        db,
                        "select after_state -> 'release' ->> 'late' from audit_event"
                                + " where resource_id = ? and action = 'release'",
                        id));
        Response mirror = feed(publisher, mirrorCursor);
        assertEquals(true, mirror.path("items[0].article.release.late"));
    }

    @Test
    void concurrentSchedulersPublishEachDueArticleExactlyOnce() throws Exception {
        String publisher = createPublisher();
        subscribe(publisher);
        Instant at = clock.instant().plus(Duration.ofMinutes(5));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, Object> body = article(publisher, "due-" + i);
            body.put("publishedAt", at.plusMillis(i).toString());
            ids.add(createArticle(body).path("id"));
        }
        clock.advance(Duration.ofMinutes(6));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(scheduler::runDue);
            }
            for (Future<Integer> run : pool.invokeAll(runs)) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        await(
                () -> ids.stream()
                        .allMatch(id -> given().get("/api/v1/articles/" + id).statusCode() == 200),
                "every article published",
                Duration.ofSeconds(10));
        for (String id : ids) {
            assertEquals(List.of("create", "release"), auditActions(id), id);
            assertEquals(1, events(id, "article.published"), id);
            assertEquals(1, count(db, "select count(*) from article_change where article_id = ?::uuid", id), id);
        }
    }

    @Test
    void anArticleClaimedByAnInstanceThatDiesBeforeItsCommitIsPublishedOnceAfterwards() throws Exception {
        String publisher = createPublisher();
        subscribe(publisher);
        Map<String, Object> body = article(publisher, "claimed-then-lost");
        body.put("publishedAt", clock.instant().plus(Duration.ofMinutes(5)).toString());
        String id = createArticle(body).path("id");
        try (Connection other = db.getConnection()) {
            // another instance's claim: the same row lock its scheduler takes, held in an open transaction
            other.setAutoCommit(false);
            try (PreparedStatement claim =
                    other.prepareStatement("select id from article where id = ?::uuid for update skip locked")) {
                claim.setString(1, id);
                assertTrue(claim.executeQuery().next());
            }
            clock.advance(Duration.ofMinutes(6));
            scheduler.runDue(); // the claimed article is skipped, not waited for
            admin().get("/api/v1/articles/" + id).then().body("status", equalTo("scheduled"));
            // the other instance dies: its transaction ends without a commit
            other.rollback();
        }
        awaitPublished(id);
        scheduler.runDue();
        assertEquals(List.of("create", "release"), auditActions(id));
        assertEquals(1, events(id, "article.published"));
    }

    @Test
    void aScheduledArticlesCoverImageGoesPublicWithIt() {
        String publisher = createPublisher();
        Response image = MediaFixtures.upload(
                publisher,
                "大厅.jpg",
                MediaFixtures.jpeg(800, 600, (int) System.nanoTime()), // bytes of its own: files are shared by content
                "image/jpeg",
                Map.of("alt", "福彩大厅"));
        image.then().statusCode(201);
        String file = MediaFixtures.path(image.path("url"));
        Map<String, Object> body = article(publisher, "with-cover");
        body.put("coverImageId", image.path("id"));
        body.put("publishedAt", clock.instant().plus(Duration.ofMinutes(5)).toString());
        String id = createArticle(body).path("id");
        given().get(file).then().statusCode(404);

        clock.advance(Duration.ofMinutes(6));
        awaitPublished(id);
        given().get(file).then().statusCode(200);
        given().get("/api/v1/articles/" + id).then().body("coverImage.id", equalTo(image.path("id")));
    }

    /** Neither a reader nor a mirror can tell the article exists. */
    private void assertInvisible(String publisher, String id, String word, String mirrorCursor) {
        given().get("/api/v1/articles/" + id).then().statusCode(404);
        given().get("/api/v1/publishers/" + publisher + "/articles/annual-report")
                .then()
                .statusCode(404);
        given().queryParam("publisher", publisher)
                .get("/api/v1/articles")
                .then()
                .body("items", empty());
        given().queryParam("publisher", publisher)
                .queryParam("status", "scheduled")
                .get("/api/v1/articles")
                .then()
                .body("items", empty());
        given().queryParam("q", word).get("/api/v1/search").then().body("items", empty());
        given().get("/api/v1/publishers/" + publisher + "/feed.atom").then().body(not(containsString(id)));
        feed(publisher, mirrorCursor).then().statusCode(200).body("items", empty());
    }

    private void awaitPublished(String id) {
        await(
                () -> given().get("/api/v1/articles/" + id).statusCode() == 200,
                "article " + id + " published by the scheduler",
                Duration.ofSeconds(10));
    }

    /** A mirror's cursor after the snapshot of a new publisher (nothing to mirror): the head of its change feed. */
    private static String feedCursor(String publisher) {
        Response snapshot = admin().queryParam("publisher", publisher).get("/api/v1/sync/articles");
        snapshot.then().statusCode(200).body("items", empty());
        return snapshot.path("nextCursor");
    }

    /** The publisher's change feed after {@code cursor}, as its mirror reads it. */
    private static Response feed(String publisher, String cursor) {
        return admin().queryParam("publisher", publisher)
                .queryParam("cursor", cursor)
                .get("/api/v1/sync/articles");
    }

    private void subscribe(String publisher) {
        receiver.subscribe(publisher, List.of("article.published", "article.unpublished"));
    }

    /** Outbox events of this type naming the article. */
    private long events(String articleId, String type) {
        return count(
                db,
                "select count(*) from webhook_event where event_type = ? and payload -> 'data' ->> 'id' = ?",
                type,
                articleId);
    }

    private List<String> auditActions(String articleId) {
        return column(db, "select action from audit_event where resource_id = ? order by occurred_at, id", articleId);
    }
}
