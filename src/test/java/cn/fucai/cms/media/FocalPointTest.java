package cn.fucai.cms.media;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An image's focal point: the centre until an editor moves it, kept by descriptions that leave it out, never on a PDF
 * or off the image; the articles whose cover it is follow it as changes of their own.
 */
@QuarkusTest
class FocalPointTest {

    @Inject
    AgroalDataSource db;

    @Test
    void anImageIsCroppedAroundItsCentreUntilItsFocalPointMovesAndAPdfHasNone() {
        String publisher = createPublisher();
        String id = MediaFixtures.upload(publisher, "大厅.jpg", MediaFixtures.jpeg(400, 300, 61), "image/jpeg", Map.of())
                .then()
                .statusCode(201)
                .body("focalPoint.x", equalTo(0.5f))
                .body("focalPoint.y", equalTo(0.5f))
                .extract()
                .path("id");
        MediaFixtures.upload(publisher, "公告.pdf", MediaFixtures.pdf(2, false), "application/pdf", Map.of())
                .then()
                .statusCode(201)
                .body("focalPoint", nullValue());

        json().header("If-Match", "\"0\"")
                .body(Map.of("title", "销售大厅", "focalPoint", Map.of("x", 0.25, "y", 0.75)))
                .put("/api/v1/media/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("focalPoint.x", equalTo(0.25f))
                .body("focalPoint.y", equalTo(0.75f));
        // a description that leaves the focal point out keeps it
        json().body(Map.of("title", "福彩销售大厅"))
                .put("/api/v1/media/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("focalPoint.x", equalTo(0.25f))
                .body("focalPoint.y", equalTo(0.75f));
        // the same point again is no change
        json().body(Map.of("title", "福彩销售大厅", "focalPoint", Map.of("x", 0.25, "y", 0.75)))
                .put("/api/v1/media/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        admin().queryParam("publisher", publisher)
                .queryParam("kind", "image")
                .get("/api/v1/media")
                .then()
                .body("items.focalPoint.x", contains(0.25f))
                .body("items.focalPoint.y", contains(0.75f));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            past the right edge  | image | {"focalPoint": {"x": 1.5, "y": 0.5}}       | focalPoint.x
            above the top        | image | {"focalPoint": {"x": 0.5, "y": -0.01}}     | focalPoint.y
            without its height   | image | {"focalPoint": {"x": 0.5}}                 | focalPoint.y
            a word, not a number | image | {"focalPoint": {"x": "左边", "y": 0.5}}     | focalPoint.x
            a list, not a point  | image | {"focalPoint": [0.5, 0.5]}                 | focalPoint
            on a PDF             | pdf   | {"focalPoint": {"x": 0.5, "y": 0.5}}       | focalPoint
            """)
    void aFocalPointThatIsNotOnAnImageIsA400NamingItAndNothingIsWritten(
            String what, String kind, String body, String field) {
        String publisher = createPublisher();
        Response uploaded = kind.equals("pdf")
                ? MediaFixtures.upload(publisher, "公告.pdf", MediaFixtures.pdf(1, false), "application/pdf", Map.of())
                : MediaFixtures.upload(publisher, "大厅.jpg", MediaFixtures.jpeg(64, 48, 62), "image/jpeg", Map.of());
        String id = uploaded.path("id");
        String traces = "select (select count(*) from media_change where media_id = ?::uuid) || ' '"
                + " || (select count(*) from audit_event where resource_id = ?)";
        List<String> tracesBefore = column(db, traces, id, id);

        json().body(body)
                .put("/api/v1/media/" + id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field));
        assertEquals(
                List.of("0 null null"),
                column(
                        db,
                        "select version || ' ' || coalesce(focal_x::text, 'null') || ' '"
                                + " || coalesce(focal_y::text, 'null') from media where id = ?::uuid",
                        id),
                what);
        assertEquals(tracesBefore, column(db, traces, id, id), what);
    }

    @Test
    void theArticlesWhoseCoverItIsFollowItsFocalPointAsChangesOfTheirOwn() {
        String publisher = createPublisher();
        Response image =
                MediaFixtures.upload(publisher, "封面.jpg", MediaFixtures.jpeg(1600, 900, 63), "image/jpeg", Map.of());
        String imageId = image.path("id");
        Map<String, Object> cover = article(publisher, uniqueSlug("cover"));
        cover.put("coverImageId", imageId);
        String published = createArticleId(cover);
        Map<String, Object> draft = article(publisher, uniqueSlug("draft"));
        draft.put("status", "draft");
        draft.put("coverImageId", imageId);
        String drafted = createArticleId(draft);
        Map<String, Object> inText = article(publisher, uniqueSlug("in-text"));
        inText.put("body", "<p>大厅</p><img src=\"" + image.path("renditions[0].url") + "\" alt=\"大厅\">");
        String shownInText = createArticleId(inText);

        Response before = given().get("/api/v1/articles/" + published);
        before.then().body("coverImage.focalPoint.x", equalTo(0.5f)).body("coverImage.focalPoint.y", equalTo(0.5f));
        String etag = before.header("ETag");
        String cursor = admin().queryParam("publisher", publisher)
                .get("/api/v1/sync/articles")
                .then()
                .statusCode(200)
                .extract()
                .path("nextCursor");
        long inTextVersion = count(db, "select version from article where id = ?::uuid", shownInText);

        json().body(Map.of("focalPoint", Map.of("x", 0.2, "y", 0.7)))
                .put("/api/v1/media/" + imageId)
                .then()
                .statusCode(200);

        Response after = given().header("If-None-Match", etag).get("/api/v1/articles/" + published);
        after.then()
                .statusCode(200)
                .body("coverImage.focalPoint.x", equalTo(0.2f))
                .body("coverImage.focalPoint.y", equalTo(0.7f));
        assertNotEquals(etag, after.header("ETag"));
        given().queryParam("publisher", publisher)
                .get("/api/v1/articles")
                .then()
                .body("items.find { it.id == '" + published + "' }.coverImage.focalPoint.x", equalTo(0.2f));
        admin().get("/api/v1/articles/" + drafted).then().body("coverImage.focalPoint.y", equalTo(0.7f));
        assertEquals(
                inTextVersion,
                count(db, "select version from article where id = ?::uuid", shownInText),
                "an article that shows the image only in its text has no cover to follow it");

        admin().get("/api/v1/articles/" + published + "/revisions")
                .then()
                .body("items[0].action", equalTo("refocus"))
                .body("items[0].changedFields", contains("coverImage.focalPoint"))
                .body("items", hasSize(2));
        admin().queryParam("publisher", publisher)
                .queryParam("cursor", cursor)
                .get("/api/v1/sync/articles")
                .then()
                .body("items.id", contains(published))
                .body("items[0].type", equalTo("upsert"))
                .body("items[0].article.coverImage.focalPoint.x", equalTo(0.2f));
        assertEquals(
                List.of("create", "refocus"),
                column(db, "select action from audit_event where resource_id = ? order by occurred_at, id", published));
        assertEquals(
                List.of("create", "refocus"),
                column(db, "select action from audit_event where resource_id = ? order by occurred_at, id", drafted));
        admin().get("/api/v1/articles/" + published + "/revisions/2/diff")
                .then()
                .body("changes.field", contains("coverImage.focalPoint"))
                .body("changes[0].before.x", equalTo(0.5f))
                .body("changes[0].after.x", equalTo(0.2f))
                .body("changes[0].after.y", equalTo(0.7f));
    }
}
