package cn.fucai.cms.article;

import static cn.fucai.cms.support.People.person;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.support.People.Session;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Review before publication: where a publisher requires it, an editor's publish waits for a reviewer who is not its
 * author; the queue, approval, return with a comment, the log, and silence towards mirrors until publication.
 */
@QuarkusTest
class ReviewWorkflowTest {

    @Inject
    AgroalDataSource db;

    private static String reviewedPublisher() {
        Map<String, Object> body = publisher(uniqueSlug("reviewed"));
        body.put("requiresReview", true);
        String slug = json().body(body)
                .post("/api/v1/publishers")
                .then()
                .statusCode(201)
                .extract()
                .path("slug");
        given().get("/api/v1/publishers/" + slug).then().body("requiresReview", equalTo(true));
        return slug;
    }

    @Test
    void anEditorsPublishWaitsForAReviewerAndNobodyOutsideHearsOfItUntilThen() {
        String publisher = reviewedPublisher();
        String publisherId = given().get("/api/v1/publishers/" + publisher).path("id");
        json().body(Map.of(
                        "url",
                        "http://127.0.0.1:9/hook",
                        "events",
                        List.of("article.review_requested"),
                        "publisher",
                        publisher))
                .post("/api/v1/webhooks")
                .then()
                .statusCode(201);
        Session editor = person("editor", publisher);
        Session reviewer = person("reviewer", publisher);
        Map<String, Object> body = article(publisher, uniqueSlug("reviewed"));
        body.remove("publishedAt");
        String id = editor.page()
                .body(body)
                .post("/api/v1/articles")
                .then()
                .statusCode(201)
                .body("status", equalTo("in_review"))
                .extract()
                .path("id");
        given().get("/api/v1/articles/" + id).then().statusCode(404);
        assertEquals(0, count(db, "select count(*) from article_change where article_id = ?::uuid", id));
        assertEquals(
                List.of(editor.login()),
                column(
                        db,
                        "select payload->'data'->>'submittedBy' from webhook_event where event_type ="
                                + " 'article.review_requested' and publisher_id = ?::uuid",
                        publisherId));

        // the queue: its reviewers see it, an editor of another publisher does not
        reviewer.cookieOnly()
                .get("/api/v1/articles?status=in_review&publisher=" + publisher)
                .then()
                .statusCode(200)
                .body("items.id", contains(id));
        person("editor", createPublisher())
                .cookieOnly()
                .get("/api/v1/articles?status=in_review")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(id)));

        // the editor cannot approve, and the article's author cannot either
        editor.page()
                .body(Map.of())
                .post("/api/v1/articles/" + id + "/approval")
                .then()
                .statusCode(403);
        assertEquals(
                "in_review",
                column(db, "select status from article where id = ?::uuid", id).get(0));

        reviewer.page()
                .body(Map.of("note", "数据已核对"))
                .post("/api/v1/articles/" + id + "/approval")
                .then()
                .statusCode(200)
                .body("status", equalTo("published"));
        given().get("/api/v1/articles/" + id).then().statusCode(200);
        assertEquals(1, count(db, "select count(*) from article_change where article_id = ?::uuid", id));
        editor.cookieOnly()
                .get("/api/v1/articles/" + id + "/reviews")
                .then()
                .statusCode(200)
                .body("step", contains("submitted", "approved"))
                .body("author.name", contains(editor.login(), reviewer.login()))
                .body("[1].note", equalTo("数据已核对"));
        assertEquals(
                List.of("create", "approve"),
                column(db, "select action from audit_event where resource_id = ? order by occurred_at, id", id));
        // a published article of a reviewed publisher is not the editor's to change any more
        body.put("title", "改过的标题");
        editor.page().body(body).put("/api/v1/articles/" + id).then().statusCode(403);
        given().get("/api/v1/articles/" + id).then().body("title", equalTo("温州福彩2019年销量再破20亿"));
    }

    @Test
    void whoeverWroteTheLatestRevisionCannotApproveIt() {
        String publisher = reviewedPublisher();
        Session editor = person("editor", publisher);
        Session first = person("reviewer", publisher);
        Session second = person("reviewer", publisher);
        Map<String, Object> body = article(publisher, uniqueSlug("own"));
        String id = editor.page().body(body).post("/api/v1/articles").path("id");
        body.put("summary", "审核员改了摘要");
        body.put("status", "in_review");
        first.page().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        first.page()
                .body(Map.of())
                .post("/api/v1/articles/" + id + "/approval")
                .then()
                .statusCode(403)
                .body(
                        "detail",
                        equalTo("you wrote the latest revision of article " + id
                                + ": another reviewer must approve it"));
        second.page()
                .body(Map.of())
                .post("/api/v1/articles/" + id + "/approval")
                .then()
                .statusCode(200)
                .body("status", equalTo("published"))
                .body("publishedAt", equalTo("2020-01-06T03:49:00Z"));
    }

    @Test
    void aReviewerSendsAnArticleBackWithACommentAndTheEditorSubmitsItAgain() {
        String publisher = reviewedPublisher();
        Session editor = person("editor", publisher);
        Session reviewer = person("reviewer", publisher);
        Map<String, Object> body = article(publisher, uniqueSlug("back"));
        body.put("status", "draft");
        String id = editor.page().body(body).post("/api/v1/articles").path("id");
        reviewer.page()
                .body(Map.of("note", "还没提交"))
                .post("/api/v1/articles/" + id + "/return")
                .then()
                .statusCode(409);
        editor.page()
                .body(Map.of("note", "请审核"))
                .post("/api/v1/articles/" + id + "/submission")
                .then()
                .statusCode(200)
                .body("status", equalTo("in_review"));
        editor.page()
                .body(Map.of())
                .post("/api/v1/articles/" + id + "/submission")
                .then()
                .statusCode(409);
        long steps = count(db, "select count(*) from article_review where article_id = ?::uuid", id);
        reviewer.page()
                .body(Map.of())
                .post("/api/v1/articles/" + id + "/return")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("note"));
        assertEquals(steps, count(db, "select count(*) from article_review where article_id = ?::uuid", id));
        reviewer.page()
                .body(Map.of("note", "第二段的公益金数额请与年报核对"))
                .post("/api/v1/articles/" + id + "/return")
                .then()
                .statusCode(200)
                .body("status", equalTo("draft"));
        editor.cookieOnly()
                .get("/api/v1/articles/" + id + "/reviews")
                .then()
                .body("step", contains("submitted", "returned"))
                .body("[0].note", equalTo("请审核"))
                .body("[1].note", equalTo("第二段的公益金数额请与年报核对"));
        // asking to publish again goes to review again
        body.put("status", "published");
        editor.page()
                .body(body)
                .put("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("in_review"));
        assertEquals(0, count(db, "select count(*) from article_change where article_id = ?::uuid", id));
    }

    @Test
    void adminsPublishDirectlyAndPublishersWithoutReviewAreUnchanged() {
        String reviewed = reviewedPublisher();
        json().body(article(reviewed, uniqueSlug("admin")))
                .post("/api/v1/articles")
                .then()
                .statusCode(201)
                .body("status", equalTo("published"));
        String open = createPublisher();
        person("editor", open)
                .page()
                .body(article(open, uniqueSlug("open")))
                .post("/api/v1/articles")
                .then()
                .statusCode(201)
                .body("status", equalTo("published"));
    }
}
