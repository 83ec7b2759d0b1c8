package cn.fucai.cms.article;

import static cn.fucai.cms.support.People.person;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.translation;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static cn.fucai.cms.support.TestData.uuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.support.People.Session;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each translation has its own status: readers get the original until a translation is published, and editors see a
 * translation as stale once the original changed after it.
 */
@QuarkusTest
class TranslationStatusTest {

    private static final String ENGLISH_TITLE = "Wenzhou welfare lottery raises quokkafund millions";

    @Inject
    AgroalDataSource db;

    @Test
    void aDraftTranslationIsNotServedUntilItIsPublished() {
        String publisher = createPublisher();
        Session editor = person("editor", publisher);
        Map<String, Object> body = article(publisher, uniqueSlug("tr"));
        Map<String, Object> english = translation("en", ENGLISH_TITLE);
        english.put("status", "draft");
        body.put("translations", List.of(english));
        String id = editor.page()
                .body(body)
                .post("/api/v1/articles")
                .then()
                .statusCode(201)
                .body("availableLocales", contains("zh-CN"))
                .extract()
                .path("id");

        // readers: the original, wherever they would have been served the translation
        given().queryParam("locale", "en")
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .header("Content-Language", "zh-CN")
                .body("title", equalTo("温州福彩2019年销量再破20亿"))
                .body("availableLocales", contains("zh-CN"));
        given().header("Accept-Language", "en")
                .queryParam("publisher", publisher)
                .get("/api/v1/articles")
                .then()
                .statusCode(200)
                .body("items.title", contains("温州福彩2019年销量再破20亿"))
                .body("items[0].locale", equalTo("zh-CN"));
        given().queryParam("publisher", publisher)
                .queryParam("locale", "en")
                .get("/api/v1/articles")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
        given().queryParam("q", "quokkafund")
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
        admin().queryParam("publisher", publisher)
                .queryParam("locale", "en")
                .get("/api/v1/sync/articles")
                .then()
                .statusCode(200)
                .body("items.article.title", contains("温州福彩2019年销量再破20亿"));

        // editors: the draft, not stale
        Response translations = editor.cookieOnly().get("/api/v1/articles/" + id + "/translations");
        translations
                .then()
                .statusCode(200)
                .body("originalLocale", equalTo("zh-CN"))
                .body("translations.locale", contains("en"))
                .body("translations[0].status", equalTo("draft"))
                .body("translations[0].stale", equalTo(false))
                .body("translations[0].title", equalTo(ENGLISH_TITLE));

        // published with the article's ETag from the editor's answer: served, found, listed in the locale
        english.put("status", "published");
        editor.page()
                .header("If-Match", translations.header("ETag"))
                .body(body)
                .put("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .body("availableLocales", contains("zh-CN", "en"));
        assertEquals(List.of("en"), keptLocales(id), "the row's locales, which lists and revalidations read");
        given().queryParam("locale", "en")
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .header("Content-Language", "en")
                .body("title", equalTo(ENGLISH_TITLE));
        given().queryParam("q", "quokkafund")
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .body("items.id", contains(id));
        given().queryParam("publisher", publisher)
                .queryParam("locale", "en")
                .get("/api/v1/articles")
                .then()
                .statusCode(200)
                .body("items.title", contains(ENGLISH_TITLE));
        editor.cookieOnly()
                .get("/api/v1/articles/" + id + "/revisions?limit=1")
                .then()
                .statusCode(200)
                .body("items[0].changedFields", contains("translations[en].status"));

        // back to a draft: readers lose it again, and a translation left out of a PUT keeps its status
        english.put("status", "draft");
        editor.page().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        body.remove("translations");
        body.put("category", "公益金公告");
        editor.page().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        given().queryParam("locale", "en")
                .get("/api/v1/articles/" + id)
                .then()
                .header("Content-Language", "zh-CN")
                .body("availableLocales", contains("zh-CN"));
        assertEquals(
                List.of("draft"), column(db, "select status from article_translation where article_id = ?", uuid(id)));
        assertEquals(List.of(""), keptLocales(id));
    }

    /** The locales kept on the article's row, comma-separated. */
    private List<String> keptLocales(String id) {
        return column(db, "select array_to_string(translation_locales, ',') from article where id = ?", uuid(id));
    }

    @Test
    void aTranslationIsStaleOnceTheOriginalChangesUntilItIsEditedOrCheckedAgain() {
        String publisher = createPublisher();
        Session editor = person("editor", publisher);
        Map<String, Object> body = article(publisher, uniqueSlug("stale"));
        Map<String, Object> english = translation("en", "Wenzhou welfare lottery sales pass 2 billion");
        body.put("translations", List.of(english));
        String id = editor.page()
                .body(body)
                .post("/api/v1/articles")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertEquals(false, stale(editor, id));

        // the original changes; the translation, sent unchanged, is now stale and still served
        body.put("title", "温州福彩2019年销量突破20亿");
        editor.page().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        assertEquals(true, stale(editor, id));
        given().queryParam("locale", "en")
                .get("/api/v1/articles/" + id)
                .then()
                .header("Content-Language", "en")
                .body("title", equalTo("Wenzhou welfare lottery sales pass 2 billion"));
        editor.cookieOnly()
                .get("/api/v1/articles/" + id + "/revisions/2/diff")
                .then()
                .statusCode(200)
                .body("changes.field", contains("title", "translations[en].upToDate"))
                .body("changes[1].before", equalTo(true))
                .body("changes[1].after", equalTo(false));

        // changing a field that is not the original's text leaves it as stale as it was
        body.put("tags", List.of("公益金"));
        editor.page().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        assertEquals(true, stale(editor, id));

        // checked against the original without a change of text: up to date, in a revision of its own
        english.put("upToDate", true);
        editor.page().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        assertEquals(false, stale(editor, id));
        editor.cookieOnly()
                .get("/api/v1/articles/" + id + "/revisions?limit=1")
                .then()
                .body("items[0].changedFields", contains("translations[en].upToDate"));
        english.remove("upToDate");

        // stale again, then edited: up to date
        body.put("body", "<p>全年投入福彩公益金743.9万元，资助养老项目。</p>");
        editor.page().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        assertEquals(true, stale(editor, id));
        english.put("body", "<p>It put 7.439 million yuan into care for the elderly.</p>");
        editor.page().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        assertEquals(false, stale(editor, id));

        // the original and its translation changed in one save: up to date
        body.put("summary", "筹集公益金5.2亿元");
        english.put("summary", "520 million yuan raised");
        editor.page().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        assertEquals(false, stale(editor, id));

        // restoring revision 4, where the translation had just been checked, brings back both texts, up to date
        editor.page()
                .post("/api/v1/articles/" + id + "/revisions/4/restore")
                .then()
                .statusCode(200)
                .body("body", equalTo("<p>全年投入福彩公益金743.9万元。</p>"));
        assertEquals(false, stale(editor, id));
        editor.cookieOnly()
                .get("/api/v1/articles/" + id + "/translations")
                .then()
                .body("translations[0].body", equalTo("<p>body in en</p>"));
    }

    @Test
    void onlyThoseWhoMayReadDraftsSeeTheTranslations() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, uniqueSlug("hidden"));
        Map<String, Object> english = translation("en", "Not yet");
        english.put("status", "draft");
        body.put("translations", List.of(english));
        String id = createArticleId(body);

        given().get("/api/v1/articles/" + id + "/translations")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        person("editor", createPublisher())
                .cookieOnly()
                .get("/api/v1/articles/" + id + "/translations")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", not(hasItem("Not yet")));
        person("reader", publisher)
                .cookieOnly()
                .get("/api/v1/articles/" + id + "/translations")
                .then()
                .statusCode(200)
                .body("translations[0].status", equalTo("draft"));
    }

    @Test
    void anUnknownStatusIsRefusedAndNothingIsWritten() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, uniqueSlug("bad"));
        String id = createArticleId(body);
        long revisions = count(db, "select count(*) from article_revision where article_id = ?", uuid(id));
        Map<String, Object> english = translation("en", "Bad status");
        english.put("status", "in_review");
        body.put("translations", List.of(english));

        json().body(body)
                .put("/api/v1/articles/" + id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("translations[0].status"))
                .body("violations[0].message", equalTo("must be one of [draft, published]; was 'in_review'"));
        assertEquals(0, count(db, "select count(*) from article_translation where article_id = ?", uuid(id)));
        assertEquals(revisions, count(db, "select count(*) from article_revision where article_id = ?", uuid(id)));
    }

    @Test
    void theMigrationDigestsTheOriginalAsTheServiceDoes() {
        var original = new ArticleContent.Localized("zh-CN", "温州福彩“点亮”公益路", null, "<p>公益金743.9万元</p>");
        String sql = "select encode(sha256(convert_to(? || chr(31) || coalesce(?, '') || chr(31) || coalesce(?, '')"
                + " || chr(31), 'UTF8')), 'hex')";
        assertEquals(
                List.of(original.digest()), column(db, sql, original.title(), original.summary(), original.body()));
    }

    private static boolean stale(Session editor, String id) {
        return editor.cookieOnly()
                .get("/api/v1/articles/" + id + "/translations")
                .then()
                .statusCode(200)
                .extract()
                .path("translations[0].stale");
    }
}
