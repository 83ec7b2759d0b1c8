package cn.fucai.cms.article;

import static cn.fucai.cms.support.People.person;
import static cn.fucai.cms.support.TestData.ADMIN_TOKEN;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.execute;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.translation;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.support.People.Session;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every save of an article keeps a revision; revisions list, show, compare word by word, and restore as new ones. */
@QuarkusTest
class ArticleRevisionsTest {

    @Inject
    AgroalDataSource db;

    @Test
    void everySaveKeepsARevisionWithItsAuthorAndTheFieldsItChanged() {
        String publisher = createPublisher();
        Session editor = person("editor", publisher);
        Map<String, Object> body = article(publisher, uniqueSlug("rev"));
        body.put("title", "温州福彩2019年销量突破20亿");
        String id = editor.page()
                .body(body)
                .post("/api/v1/articles")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        body.put("title", "温州福彩2019年销量再破20亿");
        body.put("body", "<p>全年投入福彩公益金<strong>743.9万元</strong>，资助养老项目。</p>");
        editor.page().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        body.put("translations", List.of(translation("en", "Wenzhou welfare lottery sales pass 2 billion again")));
        json().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        // a save that changes nothing keeps no revision
        json().body(body).put("/api/v1/articles/" + id).then().statusCode(200);

        Response first = editor.cookieOnly().get("/api/v1/articles/" + id + "/revisions?limit=2");
        first.then()
                .statusCode(200)
                .header("Link", containsString("rel=\"next\""))
                .body("items.number", contains(3, 2))
                .body("items[0].action", equalTo("update"))
                .body("items[0].changedFields", contains("translations[en]"))
                .body("items[0].author.name", equalTo("CMS_ADMIN_TOKEN"))
                .body("items[1].changedFields", contains("title", "body"))
                .body("items[1].author.accountId", equalTo(editor.accountId()))
                .body("items[1].author.name", equalTo(editor.login()));
        editor.cookieOnly()
                .queryParam("cursor", (String) first.path("nextCursor"))
                .queryParam("limit", 2)
                .get("/api/v1/articles/" + id + "/revisions")
                .then()
                .statusCode(200)
                .body("items.number", contains(1))
                .body("items[0].action", equalTo("create"))
                .body(
                        "items[0].changedFields",
                        contains(
                                "publisher",
                                "slug",
                                "locale",
                                "title",
                                "summary",
                                "body",
                                "category",
                                "tags",
                                "regionCodes",
                                "publishedAt",
                                "sourceName",
                                "status"))
                .body("nextCursor", nullValue());

        editor.cookieOnly()
                .get("/api/v1/articles/" + id + "/revisions/1")
                .then()
                .statusCode(200)
                .body("article.title", equalTo("温州福彩2019年销量突破20亿"))
                .body("article.body", equalTo("<p>全年投入福彩公益金743.9万元。</p>"))
                .body("article.translations", empty())
                .body("article.publisher", equalTo(publisherIdOf(id)));

        // word by word, each Chinese character a word
        editor.cookieOnly()
                .get("/api/v1/articles/" + id + "/revisions/2/diff")
                .then()
                .statusCode(200)
                .body("from", equalTo(1))
                .body("to", equalTo(2))
                .body("changes.field", contains("title", "body"))
                .body("changes[0].before", equalTo("温州福彩2019年销量突破20亿"))
                .body("changes[0].after", equalTo("温州福彩2019年销量再破20亿"))
                .body("changes[0].words.op", contains("equal", "delete", "insert", "equal"))
                .body("changes[0].words.text", contains("温州福彩2019年销量", "突", "再", "破20亿"))
                .body("changes[1].words.op", contains("equal", "insert", "equal"))
                .body("changes[1].words.text", contains("全年投入福彩公益金743.9万元", "，资助养老项目", "。"))
                .body("changes[1].after", containsString("<strong>"));
        editor.cookieOnly()
                .get("/api/v1/articles/" + id + "/revisions/3/diff?from=1")
                .then()
                .statusCode(200)
                .body("changes.field", contains("title", "body", "translations[en]"));
    }

    @Test
    void aRestoreIsANewRevisionThatBringsBackWhatTheArticleSaidAndKeepsItsPublication() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, uniqueSlug("restore"));
        String id = json().body(body).post("/api/v1/articles").path("id");
        body.put("title", "改错的标题");
        body.put("tags", List.of("误改"));
        body.put("translations", List.of(translation("en", "A wrong title")));
        Response changed = json().body(body).put("/api/v1/articles/" + id);
        long revisions = count(db, "select count(*) from article_revision where article_id = ?::uuid", id);
        admin().header("If-Match", "\"0\"")
                .post("/api/v1/articles/" + id + "/revisions/1/restore")
                .then()
                .statusCode(412);
        assertEquals(revisions, count(db, "select count(*) from article_revision where article_id = ?::uuid", id));
        admin().header("If-Match", changed.header("ETag"))
                .post("/api/v1/articles/" + id + "/revisions/1/restore")
                .then()
                .statusCode(200)
                .body("title", equalTo("温州福彩2019年销量再破20亿"))
                .body("tags", contains("公益金", "温州"))
                .body("status", equalTo("published"))
                .body("publishedAt", equalTo("2020-01-06T03:49:00Z"))
                .body("availableLocales", contains("zh-CN"));
        admin().get("/api/v1/articles/" + id + "/revisions?limit=1")
                .then()
                .body("items[0].number", equalTo(3))
                .body("items[0].action", equalTo("restore"))
                .body("items[0].restoredFrom", equalTo(1))
                .body("items[0].changedFields", contains("title", "tags", "translations[en]"));
        // revision 2 is still there as it was
        admin().get("/api/v1/articles/" + id + "/revisions/2").then().body("article.title", equalTo("改错的标题"));
        given().get("/api/v1/articles/" + id).then().body("title", equalTo("温州福彩2019年销量再破20亿"));
    }

    @Test
    void emptyListsAreNoChangeButClearingThemIs() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, uniqueSlug("lists"));
        body.put("tags", List.of());
        String id = json().body(body).post("/api/v1/articles").path("id");
        admin().get("/api/v1/articles/" + id + "/revisions/1")
                .then()
                .body("changedFields", not(hasItem("tags")))
                .body("changedFields", hasItem("regionCodes"));
        body.put("regionCodes", List.of());
        json().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        admin().get("/api/v1/articles/" + id + "/revisions/2").then().body("changedFields", contains("regionCodes"));
        admin().get("/api/v1/articles/" + id + "/revisions/2/diff")
                .then()
                .body("changes[0].field", equalTo("regionCodes"))
                .body("changes[0].before", contains("330302"))
                .body("changes[0].after", nullValue());
    }

    @Test
    void anArticleSavedBeforeRevisionsWereKeptGetsItsBaselineAtItsNextSave() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, uniqueSlug("baseline"));
        String id = json().body(body).post("/api/v1/articles").path("id");
        execute(db, "delete from article_revision where article_id = '" + id + "'");
        body.put("summary", "新的摘要");
        json().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        admin().get("/api/v1/articles/" + id + "/revisions")
                .then()
                .body("items.number", contains(2, 1))
                .body("items.action", contains("update", "baseline"))
                .body("items[1].author", nullValue())
                .body("items[0].changedFields", contains("summary"));
    }

    @Test
    void onlyThoseWhoMayReadThePublishersDraftsSeeTheHistory() {
        String publisher = createPublisher();
        String id = json().body(article(publisher, uniqueSlug("history")))
                .post("/api/v1/articles")
                .path("id");
        String revisions = "/api/v1/articles/" + id + "/revisions";
        given().get(revisions).then().statusCode(401);
        person("editor", createPublisher()).cookieOnly().get(revisions).then().statusCode(404);
        String sync = json().body(Map.of("name", "镜像站", "role", "sync"))
                .post("/api/v1/tokens")
                .path("secret");
        given().header("Authorization", "Bearer " + sync).get(revisions).then().statusCode(403);
        person("reader", publisher)
                .cookieOnly()
                .get(revisions)
                .then()
                .statusCode(200)
                .body("items", hasSize(1));
        person("reader", publisher).page().post(revisions + "/1/restore").then().statusCode(403);
        admin().get(revisions + "/9").then().statusCode(404).contentType("application/problem+json");
        admin().get(revisions + "/nine").then().statusCode(404);
        given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .get(revisions + "/1/diff?from=x")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("from"));
    }

    private String publisherIdOf(String articleId) {
        return column(db, "select publisher_id::text from article where id = ?::uuid", articleId)
                .get(0);
    }
}
