package cn.fucai.cms.sync;

import static cn.fucai.cms.support.CanonicalJson.read;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.media.MediaFixtures;
import cn.fucai.cms.support.CanonicalJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A partner mirror that follows the media feed holds exactly the images and PDFs that published content uses, as the
 * API shows them, and hears of every item that leaves: deleted, or no longer used by anything published.
 */
@QuarkusTest
class MediaSyncTest {

    @Inject
    AgroalDataSource db;

    /** A media mirror: what it holds, what it was told, and where it is in the feed. */
    private final class Mirror {
        final Map<String, JsonNode> items = new LinkedHashMap<>();
        final List<String> told = new ArrayList<>();
        final String publisher;
        final String token;
        String cursor;

        Mirror(String publisher, String token) {
            this.publisher = publisher;
            this.token = token;
        }

        void catchUp() throws InterruptedException {
            awaitFeedHorizon();
            told.clear();
            boolean more = true;
            while (more) {
                var request = given().auth().oauth2(token).queryParam("limit", 2);
                if (publisher != null) {
                    request.queryParam("publisher", publisher);
                }
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                Response page = request.get("/api/v1/sync/media");
                page.then().statusCode(200).contentType("application/json");
                JsonNode body = read(page.asString());
                for (JsonNode item : body.get("items")) {
                    String id = item.get("id").asText();
                    if (item.get("type").asText().equals("upsert")) {
                        JsonNode media = item.get("media");
                        assertEquals(
                                CanonicalJson.sha256(media),
                                item.get("contentHash").asText(),
                                "the content hash is the SHA-256 of the item's canonical JSON");
                        items.put(id, media);
                        told.add("upsert " + id);
                    } else {
                        assertTrue(item.path("media").isMissingNode(), "a removal carries no item");
                        items.remove(id);
                        told.add("remove " + id + " " + item.get("reason").asText());
                    }
                }
                cursor = body.get("nextCursor").asText();
                more = body.get("hasMore").asBoolean();
            }
        }
    }

    @Test
    void aMirrorHoldsExactlyTheMediaThatPublishedContentUses() throws InterruptedException {
        String publisher = createPublisher();
        String other = createPublisher();
        String syncToken = syncToken();
        String publisherId = admin().get("/api/v1/publishers/" + publisher).path("id");
        json().body(Map.of(
                        "url",
                        "http://127.0.0.1:9/hook",
                        "events",
                        List.of("media.published", "media.updated", "media.unpublished", "media.deleted"),
                        "publisher",
                        publisher))
                .post("/api/v1/webhooks")
                .then()
                .statusCode(201);
        Mirror mirror = new Mirror(publisher, syncToken);
        mirror.catchUp();
        assertEquals(Map.of(), mirror.items, "a new publisher's mirror starts empty");

        Response photo = MediaFixtures.upload(
                publisher, "敬老院.jpg", MediaFixtures.jpeg(800, 600, 31), "image/jpeg", Map.of("alt", "老人"));
        Response report = MediaFixtures.upload(
                publisher, "2019年公益金使用情况公告.pdf", MediaFixtures.pdf(3, false), "application/pdf", Map.of());
        String photoId = photo.path("id");
        String reportId = report.path("id");
        // another publisher's published use must not leak into this publisher's mirror
        Response foreign = MediaFixtures.upload(other, "外市.png", MediaFixtures.png(64, 64, 32), "image/png", Map.of());
        publishArticleShowing(other, foreign);
        mirror.catchUp();
        assertEquals(Map.of(), mirror.items, "uploads nobody published are not mirrored");
        assertEquals(
                List.of("remove " + photoId + " unpublished", "remove " + reportId + " unpublished"),
                mirror.told,
                "the uploads are changes, told as removals a mirror that holds nothing can ignore");

        String articleId = publishArticleShowing(publisher, photo, report);
        mirror.catchUp();
        assertEquals(Set.of(photoId, reportId), mirror.items.keySet());
        JsonNode mirrored = mirror.items.get(photoId);
        assertEquals(photo.<String>path("sha256"), mirrored.get("sha256").asText());
        assertEquals(read(given().get("/api/v1/media/" + photoId).asString()), mirrored, "as the API shows it");
        assertEquals(
                "2019年公益金使用情况公告.pdf",
                mirror.items.get(reportId).get("originalName").asText());

        json().body(Map.of("title", "重阳节走访敬老院", "alt", "工作人员看望老人"))
                .put("/api/v1/media/" + photoId)
                .then()
                .statusCode(200);
        mirror.catchUp();
        assertEquals(List.of("upsert " + photoId), mirror.told, "a described item is told once, as it is now");
        assertEquals("工作人员看望老人", mirror.items.get(photoId).get("alt").asText());

        Map<String, Object> draft = article(publisher, articleSlug(articleId));
        draft.put("body", body(photo, report));
        draft.put("status", "draft");
        json().body(draft).put("/api/v1/articles/" + articleId).then().statusCode(200);
        mirror.catchUp();
        assertEquals(Map.of(), mirror.items, "unpublishing the article takes its media out of mirrors");
        assertEquals(
                Set.of("remove " + photoId + " unpublished", "remove " + reportId + " unpublished"),
                Set.copyOf(mirror.told));

        admin().delete("/api/v1/articles/" + articleId).then().statusCode(204);
        admin().delete("/api/v1/media/" + photoId).then().statusCode(204);
        mirror.catchUp();
        // the article's uses went with it (both items changed), then the photo was deleted; pages of two may tell
        // an item twice, each time as it is now
        assertEquals(
                Set.of("remove " + photoId + " deleted", "remove " + reportId + " unpublished"),
                Set.copyOf(mirror.told));

        // webhook receivers heard the same story, in order, each event naming the item
        assertEquals(
                List.of(
                        "media.published " + photoId,
                        "media.published " + reportId,
                        "media.updated " + photoId,
                        "media.unpublished " + photoId,
                        "media.unpublished " + reportId,
                        "media.deleted " + photoId),
                column(
                        db,
                        "select event_type || ' ' || (payload -> 'data' ->> 'id') from webhook_event"
                                + " where publisher_id = ?::uuid order by created_at, event_type desc, payload -> 'data' ->> 'id'",
                        publisherId));
        Mirror fresh = new Mirror(publisher, syncToken);
        fresh.catchUp();
        assertEquals(mirror.items, fresh.items, "following the feed ends where a new snapshot starts");
    }

    @Test
    void theSnapshotPagesThroughEveryPublishedItemAndOnlyThose() throws InterruptedException {
        String publisher = createPublisher();
        List<Response> shown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            shown.add(MediaFixtures.upload(
                    publisher, "图" + i + ".png", MediaFixtures.png(40 + i, 30, 40 + i), "image/png", Map.of()));
        }
        MediaFixtures.upload(publisher, "未用.png", MediaFixtures.png(50, 50, 49), "image/png", Map.of());
        publishArticleShowing(publisher, shown.toArray(Response[]::new));
        awaitFeedHorizon();

        Set<String> expected = new HashSet<>();
        shown.forEach(item -> expected.add(item.path("id")));
        Mirror mirror = new Mirror(publisher, syncToken());
        mirror.catchUp(); // pages of 2: three snapshot pages, then the feed
        assertEquals(expected, mirror.items.keySet());
        Mirror all = new Mirror(null, syncToken());
        all.catchUp();
        assertTrue(all.items.keySet().containsAll(expected), "a mirror of every publisher holds them too");
    }

    @Test
    void cursorsOfOneFeedAreRefusedByTheOtherAndRefusedRequestsChangeNothing() {
        String articleCursor = admin().get("/api/v1/sync/articles").path("nextCursor");
        long changes = count(db, "select count(*) from media_change");
        admin().queryParam("cursor", articleCursor)
                .get("/api/v1/sync/media")
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("detail", containsString("cursor"));
        admin().queryParam("cursor", "forged")
                .get("/api/v1/sync/media")
                .then()
                .statusCode(410)
                .contentType("application/problem+json");
        given().get("/api/v1/sync/media").then().statusCode(401).contentType("application/problem+json");
        admin().queryParam("publisher", "no-such-publisher")
                .get("/api/v1/sync/media")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("publisher"));
        assertEquals(changes, count(db, "select count(*) from media_change"), "reads note no change");
    }

    /** A token of a partner mirror: sync tokens read every publisher's feed. */
    private static String syncToken() {
        return json().body(Map.of("name", "镜像站点", "role", "sync"))
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    /** Creates a published article of {@code publisher} whose body shows (or links) each item; its id. */
    private static String publishArticleShowing(String publisher, Response... items) {
        Map<String, Object> body = article(publisher, uniqueSlug("media-sync"));
        body.put("body", body(items));
        return json().body(body)
                .post("/api/v1/articles")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String articleSlug(String id) {
        return admin().get("/api/v1/articles/" + id).path("slug");
    }

    /** An image element for each image, a link for each PDF, by the files' content addresses. */
    private static String body(Response... items) {
        StringBuilder html = new StringBuilder("<p>福彩公益</p>");
        for (Response item : items) {
            String file = "/api/v1/media-files/" + item.path("sha256") + "/original";
            html.append(
                    item.<String>path("mediaType").equals("application/pdf")
                            ? "<p><a href=\"" + file + "\">公告全文</a></p>"
                            : "<img src=\"" + file + "\" alt=\"图\">");
        }
        return html.toString();
    }

    private void awaitFeedHorizon() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (count(db, "select count(*) from media_change where xid >= pg_snapshot_xmin(pg_current_snapshot())") > 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }
}
