package cn.fucai.cms.sync;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.translation;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Conditional requests and Cache-Control, as partner sites and CDNs use them. */
@QuarkusTest
class CachingTest {

    @Test
    void aListHasAStrongETagThatChangesWithAnythingItShows() {
        String publisher = createPublisher();
        String id = createArticleId(article(publisher, "listed"));
        String list = "/api/v1/articles?locale=zh-CN&publisher=" + publisher;
        String etag = given().get(list)
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .extract()
                .header("ETag");
        given().header("If-None-Match", etag).get(list).then().statusCode(304).body(equalTo(""));

        Map<String, Object> body = article(publisher, "listed");
        body.put("translations", List.of(translation("en", "Listed")));
        json().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        String afterTranslation = given().header("If-None-Match", etag)
                .get(list)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        assertNotEquals(etag, afterTranslation, "a new translation changes the list's availableLocales");

        Map<String, Object> renamed = publisher(publisher);
        renamed.put("name", "温州市福彩中心（新名）");
        json().body(renamed).put("/api/v1/publishers/" + publisher).then().statusCode(200);
        given().header("If-None-Match", afterTranslation)
                .get(list)
                .then()
                .statusCode(200)
                .header("ETag", not(equalTo(afterTranslation)))
                .body("items[0].publisher.name", equalTo("温州市福彩中心（新名）"));
    }

    @Test
    void anArticlesETagAndLastModifiedFollowItsPublishersName() throws InterruptedException {
        String publisher = createPublisher();
        String id = createArticleId(article(publisher, "named"));
        Response before = given().get("/api/v1/articles/" + id);
        before.then().statusCode(200).header("ETag", notNullValue());
        Thread.sleep(1_100); // Last-Modified counts whole seconds

        Map<String, Object> renamed = publisher(publisher);
        renamed.put("name", "温州市福彩中心（改名）");
        json().body(renamed).put("/api/v1/publishers/" + publisher).then().statusCode(200);
        String publisherModified =
                given().get("/api/v1/publishers/" + publisher).header("Last-Modified");

        given().header("If-None-Match", before.header("ETag"))
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .header("ETag", not(equalTo(before.header("ETag"))))
                .header("Last-Modified", equalTo(publisherModified))
                .header("Last-Modified", not(equalTo(before.header("Last-Modified"))))
                .body("publisher.name", equalTo("温州市福彩中心（改名）"));
    }

    @Test
    void anonymousReadsArePublicAndEverythingElseIsPrivate() {
        given().get("/api/v1/regions/330000")
                .then()
                .header("Cache-Control", "public, max-age=60, stale-while-revalidate=300");
        admin().get("/api/v1/regions/330000").then().header("Cache-Control", "private, no-store");
        json().body(publisher(cn.fucai.cms.support.TestData.uniqueSlug("cache")))
                .post("/api/v1/publishers")
                .then()
                .statusCode(201)
                .header("Cache-Control", "private, no-store");
        given().get("/api/v1/articles/not-a-uuid").then().statusCode(400).header("Cache-Control", "private, no-store");
    }

    @Test
    void lastModifiedAnswersIfModifiedSince() {
        String publisher = createPublisher();
        String id = createArticleId(article(publisher, "dated"));
        Response first = given().get("/api/v1/articles/" + id);
        String lastModified = first.header("Last-Modified");
        given().header("If-Modified-Since", lastModified)
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(304);
        given().header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(200);
        given().header("If-Modified-Since", "not a date")
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(200);
        given().get("/api/v1/publishers/" + publisher).then().header("Last-Modified", notNullValue());
    }

    @Test
    void clientsThatAcceptGzipGetItAndCachesAreToldTheAnswerVariesByEncoding() throws Exception {
        String publisher = createPublisher();
        String id = createArticleId(article(publisher, "gzipped"));
        var raw = io.restassured.RestAssured.config()
                .decoderConfig(
                        io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders());
        Response plain =
                given().config(raw).header("Accept-Encoding", "identity").get("/api/v1/articles/" + id);
        plain.then()
                .statusCode(200)
                .header("Content-Encoding", org.hamcrest.Matchers.nullValue())
                .header("Vary", "Accept-Language, Accept-Encoding");
        Response gzipped = given().config(raw).header("Accept-Encoding", "gzip").get("/api/v1/articles/" + id);
        gzipped.then()
                .statusCode(200)
                .header("Content-Encoding", "gzip")
                .header("ETag", plain.header("ETag"))
                .header("Vary", "Accept-Language, Accept-Encoding");
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.asByteArray()))) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(plain.asByteArray(), in.readAllBytes());
        }
        given().get("/api/v1/regions").then().header("Vary", "Accept-Encoding");
    }
}
