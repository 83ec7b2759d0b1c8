package cn.fucai.cms.article;

import static cn.fucai.cms.support.People.person;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cn.fucai.cms.support.People.Session;
import cn.fucai.cms.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signed, expiring preview links: a draft exactly as readers will see it, for anyone with the link, until it ends. */
@QuarkusTest
class ArticlePreviewTest {

    private static final String BASE = "https://cms.test.example";

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aPreviewLinkShowsTheDraftExactlyAsThePublicReadWillWithoutAToken() {
        String publisher = createPublisher();
        Session editor = person("editor", publisher);
        Map<String, Object> body = article(publisher, uniqueSlug("preview"));
        body.put("status", "draft");
        String id = editor.page().body(body).post("/api/v1/articles").path("id");
        Response minted = editor.page().post("/api/v1/articles/" + id + "/previews");
        minted.then()
                .statusCode(201)
                .header("Location", startsWith(BASE + "/api/v1/previews/"))
                .body("url", equalTo(minted.header("Location")))
                .body("url", equalTo(BASE + "/api/v1/previews/" + minted.path("token")));
        String path = ((String) minted.path("url")).substring(BASE.length());
        given().get("/api/v1/articles/" + id).then().statusCode(404);
        Response preview = given().get(path);
        preview.then()
                .statusCode(200)
                .header("Cache-Control", "private, no-store")
                .header("X-Robots-Tag", "noindex")
                .header("Content-Language", "zh-CN")
                .body("status", equalTo("draft"));
        Response asEditor = editor.cookieOnly().get("/api/v1/articles/" + id);
        assertEquals(asEditor.asString(), preview.asString(), "the same representation, byte for byte");
        assertEquals(asEditor.header("ETag"), preview.header("ETag"));
        assertEquals(
                1,
                count(
                        db,
                        "select count(*) from audit_event where resource_id = ? and action = 'share-preview'"
                                + " and account_id = ?::uuid",
                        id,
                        editor.accountId()));

        // edits to the draft show at once
        body.put("title", "草稿改过的标题");
        editor.page().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        given().get(path).then().statusCode(200).body("title", equalTo("草稿改过的标题"));

        // a change of status ends it
        body.put("status", "published");
        editor.page().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        given().get(path)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body(
                        "detail",
                        equalTo("no preview at this link: it is expired, changed, or its article changed status"));
    }

    @Test
    void aPreviewLinkEndsWhenItExpires() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, uniqueSlug("expiry"));
        body.put("status", "draft");
        String id = json().body(body).post("/api/v1/articles").path("id");
        String day = path(admin().post("/api/v1/articles/" + id + "/previews"));
        String hour = path(admin().post("/api/v1/articles/" + id + "/previews?validFor=PT1H"));
        clock.advance(Duration.ofMinutes(59));
        given().get(hour).then().statusCode(200);
        clock.advance(Duration.ofMinutes(2));
        given().get(hour).then().statusCode(404);
        given().get(day).then().statusCode(200);
        clock.advance(Duration.ofHours(23));
        given().get(day).then().statusCode(404);
        for (String validFor : new String[] {"P8D", "PT0S", "-PT1H", "tomorrow"}) {
            admin().post("/api/v1/articles/" + id + "/previews?validFor=" + validFor)
                    .then()
                    .statusCode(400)
                    .body("violations[0].field", equalTo("validFor"));
        }
    }

    @Test
    void anyCharacterOfTheLinkChangedOpensNothing() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, uniqueSlug("tamper"));
        body.put("status", "draft");
        String id = json().body(body).post("/api/v1/articles").path("id");
        String path = path(admin().post("/api/v1/articles/" + id + "/previews"));
        String token = path.substring("/api/v1/previews/".length());
        given().get(path).then().statusCode(200);
        for (int i = 0; i < token.length(); i++) {
            char changed = token.charAt(i) == 'A' ? 'B' : 'A';
            String forged = token.substring(0, i) + changed + token.substring(i + 1);
            assertNotEquals(token, forged);
            given().get("/api/v1/previews/" + forged).then().statusCode(404);
        }
        given().get("/api/v1/previews/" + token + "x").then().statusCode(404);
        given().get("/api/v1/previews/x" + token).then().statusCode(404);
    }

    @Test
    void onlyThoseWhoMayWriteTheArticleMakeLinks() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, uniqueSlug("who"));
        body.put("status", "draft");
        String id = json().body(body).post("/api/v1/articles").path("id");
        long audit = count(db, "select count(*) from audit_event where resource_id = ?", id);
        given().post("/api/v1/articles/" + id + "/previews").then().statusCode(401);
        person("reader", publisher)
                .page()
                .post("/api/v1/articles/" + id + "/previews")
                .then()
                .statusCode(403);
        person("editor", createPublisher())
                .page()
                .post("/api/v1/articles/" + id + "/previews")
                .then()
                .statusCode(404);
        assertEquals(audit, count(db, "select count(*) from audit_event where resource_id = ?", id));
    }

    private static String path(Response minted) {
        minted.then().statusCode(201);
        return ((String) minted.path("url")).substring(BASE.length());
    }
}
