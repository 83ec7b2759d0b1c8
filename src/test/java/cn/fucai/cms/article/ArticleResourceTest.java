package cn.fucai.cms.article;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticle;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.translation;
import static cn.fucai.cms.support.TestData.uuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cn.fucai.cms.support.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ArticleResourceTest {

    @Inject
    AgroalDataSource db;

    @Test
    void createAnswers201WithLocationETagAndTheArticle() {
        String publisher = createPublisher();
        Response created = createArticle(article(publisher, "sales-2019"));
        created.then()
                .header("ETag", notNullValue())
                .body("slug", equalTo("sales-2019"))
                .body("publisher.slug", equalTo(publisher))
                .body("publisher.name", equalTo("温州市福利彩票发行中心"))
                .body("locale", equalTo("zh-CN"))
                .body("originalLocale", equalTo("zh-CN"))
                .body("availableLocales", contains("zh-CN"))
                .body("title", equalTo("温州福彩2019年销量再破20亿"))
                .body("tags", contains("公益金", "温州"))
                .body("regionCodes", contains("330302"))
                .body("publishedAt", equalTo("2020-01-06T03:49:00Z"))
                .body("status", equalTo("published"))
                .body("createdAt", endsWith("Z"));
        String id = created.path("id");
        assertEquals('7', id.charAt(14), "time-ordered UUID v7");
        assertEquals("https://cms.test.example/api/v1/articles/" + id, created.header("Location"));
        given().get(URI.create(created.header("Location")).getPath())
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .header("ETag", equalTo(created.header("ETag")));
    }

    @Test
    void readingBySlugAnswersTheSameAsById() {
        String publisher = createPublisher();
        String id = createArticleId(article(publisher, "by-slug"));
        Response byId = given().get("/api/v1/articles/" + id);
        Response bySlug = given().get("/api/v1/publishers/" + publisher + "/articles/by-slug");
        bySlug.then().statusCode(200);
        assertEquals(byId.asString(), bySlug.asString());
        assertEquals(byId.header("ETag"), bySlug.header("ETag"));
        given().get("/api/v1/publishers/" + publisher + "/articles/no-such-slug")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void chineseTextRoundTripsByteForByte() {
        String publisher = createPublisher();
        String title = "福彩公益金「扶老、助残、救孤、济困」——𠀀𪚥 ①② 🎉 ＡＢＣ　全角空格";
        String bodyHtml = "<p>投入福彩公益金743.9万元，受助者达3263人；资助300名…各8000元。</p>&amp;&lt;";
        Map<String, Object> body = article(publisher, "round-trip");
        body.put("title", title);
        body.put("body", bodyHtml);
        body.put("tags", List.of("公益金", "𠀀"));
        String id = createArticleId(body);
        Response read = given().get("/api/v1/articles/" + id);
        read.then().contentType(containsString("application/json"));
        assertEquals(title, read.path("title"));
        assertEquals(bodyHtml, read.path("body"));
        assertEquals(List.of("公益金", "𠀀"), read.path("tags"));
        byte[] raw = read.asByteArray();
        String rawText = new String(raw, StandardCharsets.UTF_8);
        org.hamcrest.MatcherAssert.assertThat(rawText, containsString(title));
        assertEquals(List.of(title), TestData.column(db, "select title from article where id = ?", uuid(id)));
    }

    @Test
    void readerGetsTheTranslationAskedForAndFallsBackToTheOriginal() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, "translated");
        body.put(
                "translations",
                List.of(translation("en", "Wenzhou lottery sales pass 2 billion"), translation("zh-TW", "溫州福彩")));
        String id = createArticleId(body);

        given().get("/api/v1/articles/" + id + "?locale=en")
                .then()
                .statusCode(200)
                .header("Content-Language", "en")
                .header("Vary", containsString("Accept-Language"))
                .body("locale", equalTo("en"))
                .body("originalLocale", equalTo("zh-CN"))
                .body("availableLocales", contains("zh-CN", "en", "zh-TW"))
                .body("title", equalTo("Wenzhou lottery sales pass 2 billion"))
                .body("body", equalTo("<p>body in en</p>"));
        given().header("Accept-Language", "fr-FR, zh-TW;q=0.9, en;q=0.5")
                .get("/api/v1/articles/" + id)
                .then()
                .body("locale", equalTo("zh-TW"))
                .body("title", equalTo("溫州福彩"));
        given().header("Accept-Language", "en-GB,en;q=0.8")
                .get("/api/v1/articles/" + id)
                .then()
                .body("locale", equalTo("en"));
        // only the texts the preferences could be served in are read: each range and what cutting it leaves, all of
        // them for a wildcard within a range, none for none; every one serves its translation whole
        given().header("Accept-Language", "zh-Hant-TW, en-US;q=0.5")
                .get("/api/v1/articles/" + id)
                .then()
                .header("Content-Language", "en")
                .body("title", equalTo("Wenzhou lottery sales pass 2 billion"))
                .body("summary", equalTo("summary in en"))
                .body("body", equalTo("<p>body in en</p>"));
        given().header("Accept-Language", "*-TW, *")
                .get("/api/v1/articles/" + id)
                .then()
                .header("Content-Language", "zh-TW")
                .body("title", equalTo("溫州福彩"))
                .body("body", equalTo("<p>body in zh-TW</p>"));
        given().header("Accept-Language", "*")
                .get("/api/v1/articles/" + id)
                .then()
                .header("Content-Language", "zh-CN")
                .body("availableLocales", contains("zh-CN", "en", "zh-TW"))
                .body("body", equalTo(body.get("body")));
        given().get("/api/v1/articles/" + id + "?locale=fr")
                .then()
                .header("Content-Language", "zh-CN")
                .body("locale", equalTo("zh-CN"))
                .body("title", equalTo("温州福彩2019年销量再破20亿"));
        given().header("Accept-Language", "en")
                .get("/api/v1/articles/" + id + "?locale=zh-CN")
                .then()
                .body("locale", equalTo("zh-CN"));
        given().header("Accept-Language", "%%% not a header")
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .body("locale", equalTo("zh-CN"));
        given().get("/api/v1/articles/" + id + "?locale=not_a_locale!")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("locale"));

        String enTag = given().get("/api/v1/articles/" + id + "?locale=en").header("ETag");
        String zhTag = given().get("/api/v1/articles/" + id).header("ETag");
        assertNotEquals(enTag, zhTag, "each representation has its own strong ETag");
    }

    @Test
    void replaceWithCurrentIfMatchUpdatesAndStaleIfMatchIsRejectedAndNothingIsWritten() {
        String publisher = createPublisher();
        Response created = createArticle(article(publisher, "edited"));
        String id = created.path("id");
        String etag = created.header("ETag");

        Map<String, Object> edit = article(publisher, "edited");
        edit.put("title", "修改后的标题");
        Response updated = json().header("If-Match", etag).body(edit).put("/api/v1/articles/" + id);
        updated.then().statusCode(200).body("title", equalTo("修改后的标题"));
        assertNotEquals(etag, updated.header("ETag"));
        assertNotEquals(created.<String>path("updatedAt"), updated.<String>path("updatedAt"));

        Map<String, Object> stale = article(publisher, "edited");
        stale.put("title", "过期的修改");
        json().header("If-Match", etag)
                .body(stale)
                .put("/api/v1/articles/" + id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/precondition-failed"));
        assertEquals(List.of("修改后的标题"), TestData.column(db, "select title from article where id = ?", uuid(id)));
        given().get("/api/v1/articles/" + id).then().header("ETag", equalTo(updated.header("ETag")));
    }

    @Test
    void anETagOfAnyLocaleOfTheCurrentVersionSatisfiesIfMatch() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, "etag-locales");
        body.put("translations", List.of(translation("en", "English")));
        String id = createArticleId(body);
        String enTag = given().get("/api/v1/articles/" + id + "?locale=en").header("ETag");
        Map<String, Object> edit = article(publisher, "etag-locales");
        edit.put("summary", "新摘要");
        json().header("If-Match", enTag)
                .body(edit)
                .put("/api/v1/articles/" + id)
                .then()
                .statusCode(200);
    }

    @Test
    void putWithoutTranslationsKeepsThemAndAnEmptyListRemovesThem() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, "keep-translations");
        body.put("translations", List.of(translation("en", "English")));
        String id = createArticleId(body);

        Map<String, Object> edit = article(publisher, "keep-translations");
        edit.remove("publishedAt");
        json().body(edit)
                .put("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .body("availableLocales", contains("zh-CN", "en"))
                .body("publishedAt", equalTo("2020-01-06T03:49:00Z"));
        edit.put("translations", List.of());
        json().body(edit)
                .put("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .body("availableLocales", contains("zh-CN"));
        assertEquals(0, count(db, "select count(*) from article_translation where article_id = ?", uuid(id)));
    }

    @Test
    void unchangedPutKeepsVersionAndUpdatedAt() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, "no-op");
        body.put("translations", List.of(translation("en", "English")));
        Response created = createArticle(body);
        json().body(body)
                .put("/api/v1/articles/" + created.path("id"))
                .then()
                .statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("updatedAt", equalTo(created.path("updatedAt")));
    }

    @Test
    void publishingWithoutADateDatesTheArticleNow() {
        String publisher = createPublisher();
        Map<String, Object> draft = article(publisher, "draft-first");
        draft.remove("publishedAt");
        draft.put("status", "draft");
        Response created = createArticle(draft);
        created.then().body("publishedAt", nullValue()).body("status", equalTo("draft"));
        draft.put("status", "published");
        json().body(draft)
                .put("/api/v1/articles/" + created.path("id"))
                .then()
                .statusCode(200)
                .body("status", equalTo("published"))
                .body("publishedAt", notNullValue());
    }

    @Test
    void deleteIsSoftAndTheTombstoneAnswers410() {
        String publisher = createPublisher();
        String id = createArticleId(article(publisher, "to-delete"));
        admin().delete("/api/v1/articles/" + id).then().statusCode(204);
        admin().get("/api/v1/articles/" + id)
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/gone"))
                .body("status", equalTo(410));
        admin().get("/api/v1/publishers/" + publisher + "/articles/to-delete")
                .then()
                .statusCode(410);
        // it was public, so it is gone for everyone, not only for those who may read drafts
        given().get("/api/v1/articles/" + id).then().statusCode(410).contentType("application/problem+json");
        given().get("/api/v1/publishers/" + publisher + "/articles/to-delete")
                .then()
                .statusCode(410);
        json().body(article(publisher, "to-delete"))
                .put("/api/v1/articles/" + id)
                .then()
                .statusCode(410);
        admin().delete("/api/v1/articles/" + id).then().statusCode(410);
        assertEquals(1, count(db, "select count(*) from article where id = ? and deleted_at is not null", uuid(id)));
        given().get("/api/v1/articles?publisher=" + publisher).then().body("items", org.hamcrest.Matchers.hasSize(0));
        // the slug is free again for a new article
        createArticle(article(publisher, "to-delete"));
        given().get("/api/v1/publishers/" + publisher + "/articles/to-delete")
                .then()
                .statusCode(200);
    }

    @Test
    void duplicateSlugIs409AndNothingIsWritten() {
        String publisher = createPublisher();
        createArticle(article(publisher, "same-slug"));
        Map<String, Object> again = article(publisher, "same-slug");
        again.put("title", "重复");
        json().body(again)
                .post("/api/v1/articles")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("same-slug"));
        assertEquals(
                1,
                count(
                        db,
                        "select count(*) from article a join publisher p on p.id = a.publisher_id where p.slug = ?",
                        publisher));
        // another publisher may use the same slug
        createArticle(article(createPublisher(), "same-slug"));
    }

    @Test
    void everyMalformedBodyIs400NamingTheProblemAndNothingIsWritten() {
        String publisher = createPublisher();
        String url = "/api/v1/articles";
        json().body("{\"title\": ")
                .post(url)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/malformed-request"))
                .body("detail", containsString("line 1"));
        Map<String, Object> unknownField = article(publisher, "unknown-field");
        unknownField.put("colour", "red");
        json().body(unknownField)
                .post(url)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("colour"))
                .body("detail", containsString("is not a known field"));
        Map<String, Object> wrongType = article(publisher, "wrong-type");
        wrongType.put("tags", "公益金");
        json().body(wrongType).post(url).then().statusCode(400).body("violations[0].field", equalTo("tags"));
        Map<String, Object> badDate = article(publisher, "bad-date");
        badDate.put("publishedAt", "2020年1月6日");
        json().body(badDate)
                .post(url)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("publishedAt"))
                .body("detail", containsString("RFC 3339"));
        Map<String, Object> badStatus = article(publisher, "bad-status");
        badStatus.put("status", "live");
        json().body(badStatus)
                .post(url)
                .then()
                .statusCode(400)
                .body("detail", containsString("[draft, in_review, scheduled, published, archived]"));
        json().body("{}")
                .post(url)
                .then()
                .statusCode(400)
                .body("violations.field", hasItems("publisher", "slug", "locale", "title", "status"));
        json().body("[]").post(url).then().statusCode(400).body("detail", containsString("JSON object"));
        json().post(url).then().statusCode(400).body("violations[0].field", equalTo("body"));
        Map<String, Object> badRegions = article(publisher, "bad-regions");
        badRegions.put("regionCodes", List.of("330302", "339999"));
        badRegions.put("locale", "!!");
        badRegions.put(
                "translations", List.of(translation("zh-cn", "原文"), translation("en", "a"), translation("EN", "b")));
        json().body(badRegions)
                .post(url)
                .then()
                .statusCode(400)
                .body("violations.field", hasItems("regionCodes[1]", "locale", "translations[2].locale"));
        Map<String, Object> sameAsOriginal = article(publisher, "same-locale");
        sameAsOriginal.put("translations", List.of(translation("zh-cn", "原文")));
        json().body(sameAsOriginal)
                .post(url)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("translations[0].locale"))
                .body("violations[0].message", containsString("original locale"));
        Map<String, Object> badSlug = article(publisher, "Bad Slug");
        badSlug.put("sourceUrl", "ftp://example.org/x");
        json().body(badSlug).post(url).then().statusCode(400).body("violations.field", hasItems("slug", "sourceUrl"));
        Map<String, Object> noPublisher = article("no-such-publisher", "orphan");
        json().body(noPublisher).post(url).then().statusCode(400).body("violations[0].field", equalTo("publisher"));
        given().contentType("text/plain")
                .body("标题")
                .post(url)
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        Map<String, Object> nul = article(publisher, "nul");
        nul.put("title", "福彩\u0000公益");
        json().body(nul)
                .post(url)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("title"))
                .body("violations[0].message", containsString("NUL"));
        Map<String, Object> nulInList = article(publisher, "nul-tag");
        nulInList.put("tags", List.of("ok", "bad\u0000"));
        json().body(nulInList).post(url).then().statusCode(400).body("violations[0].field", equalTo("tags[1]"));
        json().body("{\"publisher\":\"" + publisher
                        + "\",\"slug\":\"surrogate\",\"locale\":\"zh-CN\",\"title\":\"\\ud800\",\"status\":\"draft\"}")
                .post(url)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("title"))
                .body("violations[0].message", containsString("surrogate"));

        assertEquals(
                0,
                count(
                        db,
                        "select count(*) from article a join publisher p on p.id = a.publisher_id where p.slug = ?",
                        publisher));
        assertEquals(0, count(db, "select count(*) from article where slug = 'orphan'"));
    }

    @Test
    void unstorableTextInParametersIs400NamingTheParameter() {
        given().urlEncodingEnabled(false)
                .get("/api/v1/articles?category=%00")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("category"));
        given().urlEncodingEnabled(false)
                .get("/api/v1/publishers/%00/articles/x")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("idOrSlug"));
    }

    @Test
    void badIdsAre400AndUnknownIdsAre404() {
        given().get("/api/v1/articles/not-a-uuid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("id"));
        admin().delete("/api/v1/articles/123").then().statusCode(400);
        given().get("/api/v1/articles/01890000-0000-7000-8000-000000000000")
                .then()
                .statusCode(404)
                .body("detail", containsString("01890000-0000-7000-8000-000000000000"));
    }

    @Test
    void conditionalGetAnswers304AndAChangeGivesANewETag() {
        String publisher = createPublisher();
        Response created = createArticle(article(publisher, "conditional"));
        String id = created.path("id");
        String etag = given().get("/api/v1/articles/" + id).header("ETag");
        given().header("If-None-Match", etag)
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(304)
                .body(equalTo(""));
        Map<String, Object> edit = article(publisher, "conditional");
        edit.put("summary", "改过");
        json().body(edit).put("/api/v1/articles/" + id).then().statusCode(200);
        given().header("If-None-Match", etag)
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .header("ETag", not(equalTo(etag)));
    }
}
