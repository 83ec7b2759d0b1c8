package cn.fucai.cms.media;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Media used by articles: public while a published article shows it, private otherwise, never deleted in use. */
@QuarkusTest
class MediaInContentTest {

    @Inject
    AgroalDataSource db;

    @Test
    void anImageIsPublicExactlyWhileAPublishedArticleShowsIt() {
        String publisher = createPublisher();
        Response image =
                MediaFixtures.upload(publisher, "敬老.jpg", MediaFixtures.jpeg(800, 600, 21), "image/jpeg", Map.of());
        String mediaId = image.path("id");
        String file = "/api/v1/media-files/" + image.path("sha256") + "/w640";
        given().get(file).then().statusCode(404);

        Map<String, Object> body = article(publisher, uniqueSlug("img"));
        body.put("body", "<p>重阳节慰问</p><img src=\"" + file + "\" alt=\"工作人员看望老人\">");
        Response created = json().body(body).post("/api/v1/articles");
        created.then()
                .statusCode(201)
                // made absolute, so that a mirror's copy still finds it
                .body("body", containsString("<img src=\"https://cms.test.example" + file + "\" alt=\"工作人员看望老人\">"));
        String articleId = created.path("id");

        given().get(file)
                .then()
                .statusCode(200)
                .contentType("image/jpeg")
                .header("Cache-Control", "public, max-age=31536000, immutable");
        given().get("/api/v1/media/" + mediaId).then().statusCode(200).body("id", equalTo(mediaId));
        given().queryParam("publisher", publisher).get("/api/v1/media").then().body("items.id", hasItem(mediaId));

        body.put("status", "draft");
        json().body(body).put("/api/v1/articles/" + articleId).then().statusCode(200);
        given().get(file).then().statusCode(404);
        given().get("/api/v1/media/" + mediaId).then().statusCode(404);
        given().queryParam("publisher", publisher).get("/api/v1/media").then().body("items.id", not(hasItem(mediaId)));
        admin().get(file).then().statusCode(200).header("Cache-Control", "private, max-age=31536000, immutable");
    }

    @Test
    void anItemInUseCannotBeDeletedAndTheProblemNamesWhere() {
        String publisher = createPublisher();
        Response pdf =
                MediaFixtures.upload(publisher, "公告.pdf", MediaFixtures.pdf(2, false), "application/pdf", Map.of());
        String mediaId = pdf.path("id");
        Map<String, Object> body = article(publisher, uniqueSlug("pdf"));
        body.put("body", "<p>详见<a href=\"" + pdf.path("url") + "\">2019年公益金公告</a></p>");
        String articleId = json().body(body)
                .post("/api/v1/articles")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        admin().delete("/api/v1/media/" + mediaId)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("article " + articleId));
        admin().get("/api/v1/media/" + mediaId).then().statusCode(200);

        admin().delete("/api/v1/articles/" + articleId).then().statusCode(204);
        admin().delete("/api/v1/media/" + mediaId).then().statusCode(204);
    }

    @Test
    void anArticleCannotShowAnotherPublishersMediaAndNothingIsWritten() {
        String publisher = createPublisher();
        String other = createPublisher();
        Response image = MediaFixtures.upload(other, "a.jpg", MediaFixtures.jpeg(400, 300, 22), "image/jpeg", Map.of());
        String slug = uniqueSlug("foreign");
        Map<String, Object> body = article(publisher, slug);
        body.put(
                "translations",
                List.of(Map.of(
                        "locale", "en", "title", "Care", "body", "<img src=\"" + image.path("url") + "\" alt=\"x\">")));

        json().body(body)
                .post("/api/v1/articles")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "detail",
                        containsString(
                                "translations[0].body: shows or links media that is not in its publisher's library"));

        assertEquals(0, count(db, "select count(*) from article where slug = ?", slug));
        assertEquals(
                0, count(db, "select count(*) from media_use where media_id = ?::uuid", (Object) image.path("id")));
        given().get(MediaFixtures.path(image.path("url"))).then().statusCode(404);
    }

    @Test
    void anArticleShowsACoverImageOfItsLibraryPublicWhilePublished() {
        String publisher = createPublisher();
        Response image = MediaFixtures.upload(
                publisher, "封面.jpg", MediaFixtures.jpeg(1600, 900, 41), "image/jpeg", Map.of("alt", "福彩大厅"));
        String imageId = image.path("id");
        String file = MediaFixtures.path(image.path("url"));
        given().get(file).then().statusCode(404);

        Map<String, Object> body = article(publisher, uniqueSlug("cover"));
        body.put("coverImageId", imageId);
        Response created = json().body(body).post("/api/v1/articles");
        created.then()
                .statusCode(201)
                .body("coverImage.id", equalTo(imageId))
                .body("coverImage.sha256", equalTo(image.path("sha256")))
                .body("coverImage.url", equalTo(image.path("url")))
                .body("coverImage.mediaType", equalTo("image/jpeg"))
                .body("coverImage.width", equalTo(1600))
                .body("coverImage.height", equalTo(900))
                .body("coverImage.alt", equalTo("福彩大厅"))
                .body("coverImage.renditions.width", contains(320, 640, 1280));
        String articleId = created.path("id");
        given().get(file).then().statusCode(200).header("Cache-Control", "public, max-age=31536000, immutable");
        given().queryParam("publisher", publisher)
                .get("/api/v1/articles")
                .then()
                .body("items[0].id", equalTo(articleId))
                .body("items[0].coverImage.id", equalTo(imageId))
                .body("items[0].coverImage.renditions[0].url", containsString("/w320"));

        // the article's own words for it win; describing the item later leaves the article as it was written
        body.put("coverImageAlt", "2019年温州福彩销售大厅");
        json().body(body)
                .put("/api/v1/articles/" + articleId)
                .then()
                .statusCode(200)
                .body("coverImage.alt", equalTo("2019年温州福彩销售大厅"));
        json().body(Map.of("alt", "另一种说法"))
                .put("/api/v1/media/" + imageId)
                .then()
                .statusCode(200);
        given().get("/api/v1/articles/" + articleId).then().body("coverImage.alt", equalTo("2019年温州福彩销售大厅"));
        admin().delete("/api/v1/media/" + imageId)
                .then()
                .statusCode(409)
                .body("detail", containsString("article " + articleId));

        body.remove("coverImageId");
        body.remove("coverImageAlt");
        json().body(body)
                .put("/api/v1/articles/" + articleId)
                .then()
                .statusCode(200)
                .body("coverImage", nullValue());
        given().get(file).then().statusCode(404);
        admin().delete("/api/v1/media/" + imageId).then().statusCode(204);
    }

    @Test
    void aCoverMustBeALiveImageOfTheArticlesPublisherAndNothingIsWrittenOtherwise() {
        String publisher = createPublisher();
        String other = createPublisher();
        String pdf = MediaFixtures.upload(publisher, "公告.pdf", MediaFixtures.pdf(1, false), "application/pdf", Map.of())
                .path("id");
        String foreign = MediaFixtures.upload(other, "b.jpg", MediaFixtures.jpeg(300, 200, 42), "image/jpeg", Map.of())
                .path("id");
        String deleted = MediaFixtures.upload(
                        publisher, "c.jpg", MediaFixtures.jpeg(300, 200, 43), "image/jpeg", Map.of())
                .path("id");
        admin().delete("/api/v1/media/" + deleted).then().statusCode(204);
        String slug = uniqueSlug("bad-cover");
        long uses = count(db, "select count(*) from media_use");
        for (Map.Entry<String, String> bad : Map.of(
                        pdf,
                        "not an image",
                        foreign,
                        "no live item of the publisher's media library",
                        deleted,
                        "no live item of the publisher's media library",
                        "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11",
                        "no live item of the publisher's media library")
                .entrySet()) {
            Map<String, Object> body = article(publisher, slug);
            body.put("coverImageId", bad.getKey());
            json().body(body)
                    .post("/api/v1/articles")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("coverImageId"))
                    .body("violations[0].message", containsString(bad.getValue()));
        }
        Map<String, Object> body = article(publisher, slug);
        body.put("coverImageAlt", "没有图片的说明");
        json().body(body)
                .post("/api/v1/articles")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("coverImageAlt"));
        body.put("coverImageId", "not-a-uuid");
        json().body(body).post("/api/v1/articles").then().statusCode(400).contentType("application/problem+json");

        assertEquals(0, count(db, "select count(*) from article where slug = ?", slug));
        assertEquals(uses, count(db, "select count(*) from media_use"));
    }

    @Test
    void imagesOfHostsTheOperatorTrustsStayAndNoOthers() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, uniqueSlug("hosts"));
        body.put(
                "body",
                "<p>图</p><img src=\"https://img.zjfc.example/2019/hall.jpg\" alt=\"信任的主机\">"
                        + "<img src=\"http://img.zjfc.example/plain.jpg\" alt=\"明文\">"
                        + "<img src=\"https://user@img.zjfc.example/login.jpg\" alt=\"带用户\">"
                        + "<img src=\"https://img.zjfc.example.evil.example/x.jpg\" alt=\"冒充\">"
                        + "<img src=\"https://evil.example/track.gif\" alt=\"追踪\">");
        String html = json().body(body)
                .post("/api/v1/articles")
                .then()
                .statusCode(201)
                .extract()
                .path("body");
        // jsoup drops the user part of a URL it keeps: that image is the trusted host's
        assertEquals(
                "<p>图</p><img src=\"https://img.zjfc.example/2019/hall.jpg\" alt=\"信任的主机\">"
                        + "<img src=\"https://img.zjfc.example/login.jpg\" alt=\"带用户\">",
                html);
    }

    @Test
    void theLibraryListsWhatNothingUsesAndWhatSomethingDoes() {
        String publisher = createPublisher();
        Response used =
                MediaFixtures.upload(publisher, "用.jpg", MediaFixtures.jpeg(300, 200, 71), "image/jpeg", Map.of());
        Response unused =
                MediaFixtures.upload(publisher, "未用.jpg", MediaFixtures.jpeg(300, 200, 72), "image/jpeg", Map.of());
        Map<String, Object> draft = article(publisher, uniqueSlug("uses"));
        draft.put("status", "draft");
        draft.put("coverImageId", used.path("id"));
        json().body(draft).post("/api/v1/articles").then().statusCode(201);

        admin().queryParam("publisher", publisher)
                .queryParam("unused", true)
                .get("/api/v1/media")
                .then()
                .statusCode(200)
                .body("items.id", contains((String) unused.path("id")));
        admin().queryParam("publisher", publisher)
                .queryParam("unused", false)
                .get("/api/v1/media")
                .then()
                .statusCode(200)
                .body("items.id", contains((String) used.path("id")));
        admin().queryParam("unused", "perhaps")
                .get("/api/v1/media")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("unused"));
    }
}
