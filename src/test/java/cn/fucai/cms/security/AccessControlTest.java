package cn.fucai.cms.security;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createProvince;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static cn.fucai.cms.support.TestData.uuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.fucai.cms.common.http.Hashes;
import cn.fucai.cms.support.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may do what: every write endpoint against every role, drafts, token life cycle, audit. */
@QuarkusTest
class AccessControlTest {

    @Inject
    AgroalDataSource db;

    private String zhejiang;
    private String wenzhou;
    private String henan;
    private Map<String, String> tokens;

    @BeforeEach
    void publishersAndTokens() {
        zhejiang = createProvince("zj");
        Map<String, Object> city = publisher(uniqueSlug("wz"));
        city.put("parent", zhejiang);
        wenzhou = createPublisher(city);
        henan = createPublisher();
        tokens = new LinkedHashMap<>();
        tokens.put("admin", TestData.ADMIN_TOKEN);
        tokens.put("editor of the publisher", token("editor", wenzhou, false));
        tokens.put("editor of the parent, with children", token("editor", zhejiang, true));
        tokens.put("editor of the parent only", token("editor", zhejiang, false));
        tokens.put("editor of another publisher", token("editor", henan, false));
        tokens.put("reader of the publisher", token("reader", wenzhou, false));
        tokens.put("sync", token("sync", null, false));
    }

    private void expectWrite(
            String what,
            Function<RequestSpecification, Response> write,
            int ok,
            List<String> allowed,
            String countSql) {
        expectWrite(what, write, ok, allowed, allowed, countSql);
    }

    /**
     * Every caller outside {@code allowed} is refused (401 without a valid token, 403 with one) and nothing is
     * written; then each of {@code performers} (allowed callers; one for a write that can happen once) gets {@code ok}.
     */
    private void expectWrite(
            String what,
            Function<RequestSpecification, Response> write,
            int ok,
            List<String> allowed,
            List<String> performers,
            String countSql) {
        long before = count(db, countSql);
        Response anonymous = write.apply(given().contentType(ContentType.JSON));
        anonymous
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        write.apply(given().header("Authorization", "Bearer not-a-token").contentType(ContentType.JSON))
                .then()
                .statusCode(401);
        for (Map.Entry<String, String> caller : tokens.entrySet()) {
            if (allowed.contains(caller.getKey())) {
                continue;
            }
            Response denied = write.apply(as(caller.getValue()));
            assertEquals(403, denied.statusCode(), what + " by " + caller.getKey() + ": " + denied.asString());
            denied.then().contentType("application/problem+json").body("type", equalTo("/problems/forbidden"));
        }
        assertEquals(before, count(db, countSql), what + ": a refused write wrote nothing");
        for (String caller : performers) {
            Response done = write.apply(as(tokens.get(caller)));
            assertEquals(ok, done.statusCode(), what + " by " + caller + ": " + done.asString());
        }
    }

    @Inject
    AccessPolicy access;

    @Test
    @ActivateRequestContext
    void withARequestContextButNoHttpRequestTheCallerIsTheServiceItself() {
        // As at start-up, when the demo content loads: a request context may be active with no HTTP request behind it.
        org.junit.jupiter.api.Assertions.assertSame(Caller.SYSTEM, access.caller());
    }

    @Test
    void articleWritesNeedAnEditorOfThePublisherOrAnAdmin() {
        List<String> editors = List.of("admin", "editor of the publisher", "editor of the parent, with children");
        int[] n = {0};
        expectWrite(
                "create article",
                r -> r.body(article(wenzhou, "a-" + n[0]++)).post("/api/v1/articles"),
                201,
                editors,
                "select count(*) from article a join publisher p on p.id = a.publisher_id where p.slug = '" + wenzhou
                        + "'");

        String id = createArticleId(article(wenzhou, "target"));
        int[] m = {0};
        expectWrite(
                "update article",
                r -> {
                    Map<String, Object> body = article(wenzhou, "target");
                    body.put("title", "改 " + m[0]++);
                    return r.body(body).put("/api/v1/articles/" + id);
                },
                200,
                editors,
                "select count(*) from audit_event where resource_id = '" + id + "'");

        String doomed = createArticleId(article(wenzhou, "doomed"));
        expectWrite(
                "delete article",
                r -> r.delete("/api/v1/articles/" + doomed),
                204,
                editors,
                List.of("editor of the publisher"),
                "select count(*) from article where deleted_at is not null and id = '" + doomed + "'");

        // moving an article to a publisher the editor does not act for is refused
        Map<String, Object> moved = article(henan, "target");
        as(tokens.get("editor of the publisher"))
                .contentType(ContentType.JSON)
                .body(moved)
                .put("/api/v1/articles/" + id)
                .then()
                .statusCode(403);
    }

    @Test
    void publisherAndTokenWritesNeedAnAdmin() {
        List<String> admins = List.of("admin");
        expectWrite(
                "create publisher",
                r -> r.body(publisher(uniqueSlug("new"))).post("/api/v1/publishers"),
                201,
                admins,
                "select count(*) from publisher where slug like 'new-%'");
        expectWrite(
                "update publisher",
                r -> {
                    Map<String, Object> body = publisher(henan);
                    body.put("name", "河南省福彩中心 " + System.nanoTime());
                    return r.body(body).put("/api/v1/publishers/" + henan);
                },
                200,
                admins,
                "select count(*) from audit_event where resource_type = 'publisher' and action = 'update'");
        String empty = createPublisher();
        expectWrite(
                "delete publisher",
                r -> r.delete("/api/v1/publishers/" + empty),
                204,
                admins,
                "select count(*) from publisher where deleted_at is not null and slug = '" + empty + "'");
        expectWrite(
                "create token",
                r -> r.body(Map.of("name", "新令牌", "role", "sync")).post("/api/v1/tokens"),
                201,
                admins,
                "select count(*) from api_token where name = '新令牌'");
    }

    @Test
    void figureWritesNeedAnEditorOfThePublisherOrAnAdmin() {
        List<String> editors = List.of("admin", "editor of the publisher", "editor of the parent, with children");
        String countSql = "select count(*) from figure f join publisher p on p.id = f.publisher_id where p.slug = '"
                + wenzhou + "'";
        expectWrite(
                "create figure",
                r -> r.body(figure(wenzhou, "20")).post("/api/v1/sales-figures"),
                201,
                editors,
                countSql);
        expectWrite(
                "import figures",
                r -> r.body(List.of(figure(wenzhou, "1"), figure(wenzhou, "2"))).post("/api/v1/sales-figures/batch"),
                201,
                editors,
                countSql);
        String id =
                json().body(figure(wenzhou, "30")).post("/api/v1/sales-figures").path("id");
        int[] n = {0};
        expectWrite(
                "correct figure",
                r -> r.body(Map.of("reason", "更正", "figure", figure(wenzhou, "3" + n[0]++ + ".5")))
                        .post("/api/v1/sales-figures/" + id + "/corrections"),
                200,
                editors,
                "select count(*) from figure_revision where figure_id = '" + id + "'");
        String other =
                json().body(figure(wenzhou, "40")).post("/api/v1/sales-figures").path("id");
        expectWrite(
                "retract figure",
                r -> r.body(Map.of("reason", "撤回")).post("/api/v1/sales-figures/" + other + "/retraction"),
                200,
                editors,
                List.of("editor of the publisher"),
                "select count(*) from figure_revision where figure_id = '" + other + "'");
    }

    @Test
    void unpublishedArticlesAreInvisibleToAnonymousReadersAndOtherPublishers() {
        Map<String, Object> body = article(wenzhou, "draft");
        body.put("status", "draft");
        String draft = createArticleId(body);
        Map<String, Object> archivedBody = article(wenzhou, "archived");
        archivedBody.put("status", "archived");
        String archived = createArticleId(archivedBody);
        String deleted = createArticleId(article(wenzhou, "deleted"));
        admin().delete("/api/v1/articles/" + deleted).then().statusCode(204);

        Map<String, Object> draftBody = article(wenzhou, "deleted-draft");
        draftBody.put("status", "draft");
        String deletedDraft = createArticleId(draftBody);
        admin().delete("/api/v1/articles/" + deletedDraft).then().statusCode(204);

        for (String id : List.of(draft, archived, deletedDraft)) {
            given().get("/api/v1/articles/" + id).then().statusCode(404).contentType("application/problem+json");
            as(tokens.get("editor of another publisher"))
                    .get("/api/v1/articles/" + id)
                    .then()
                    .statusCode(404);
            as(tokens.get("editor of the parent only"))
                    .get("/api/v1/articles/" + id)
                    .then()
                    .statusCode(404);
            as(tokens.get("sync")).get("/api/v1/articles/" + id).then().statusCode(404);
        }
        // a deleted article that was once public is gone for everyone: mirrors and search engines must drop it
        given().get("/api/v1/articles/" + deleted)
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/gone"));
        given().get("/api/v1/publishers/" + wenzhou + "/articles/deleted")
                .then()
                .statusCode(410);
        for (String caller : List.of("editor of another publisher", "editor of the parent only", "sync")) {
            as(tokens.get(caller)).get("/api/v1/articles/" + deleted).then().statusCode(410);
        }
        given().get("/api/v1/publishers/" + wenzhou + "/articles/draft").then().statusCode(404);
        for (String caller : List.of(
                "reader of the publisher", "editor of the publisher", "editor of the parent, with children", "admin")) {
            as(tokens.get(caller))
                    .get("/api/v1/articles/" + draft)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("draft"));
            as(tokens.get(caller)).get("/api/v1/articles/" + deleted).then().statusCode(410);
        }
        String drafts = "/api/v1/articles?status=draft&publisher=" + wenzhou;
        given().get(drafts).then().statusCode(200).body("items.id", not(hasItem(draft)));
        as(tokens.get("editor of another publisher")).get(drafts).then().body("items.id", not(hasItem(draft)));
        as(tokens.get("reader of the publisher")).get(drafts).then().body("items.id", hasItem(draft));
        as(tokens.get("editor of the parent, with children"))
                .get("/api/v1/articles?status=archived&publisher=" + wenzhou)
                .then()
                .body("items.id", hasItem(archived));
    }

    @Test
    void aTokenSecretIsShownOnceStoredAsAHashAndStopsWorkingWhenRevokedOrExpired() {
        Response created = json().body(Map.of("name", "温州编辑部", "role", "editor", "publisher", wenzhou))
                .post("/api/v1/tokens");
        created.then().statusCode(201).header("Location", notNullValue()).body("secret", containsString("cms_"));
        String secret = created.path("secret");
        String id = created.path("token.id");
        admin().get("/api/v1/tokens/" + id)
                .then()
                .statusCode(200)
                .body("secret", nullValue())
                .body("lastUsedAt", nullValue());
        assertEquals(
                List.of(Hashes.sha256Hex(secret)),
                TestData.column(db, "select secret_hash from api_token where id = ?", uuid(id)));
        assertFalse(TestData.column(db, "select concat_ws('|', name, secret_hash) from api_token").stream()
                .anyMatch(v -> v.contains(secret)));

        as(secret)
                .contentType(ContentType.JSON)
                .body(article(wenzhou, "with-token"))
                .post("/api/v1/articles")
                .then()
                .statusCode(201);
        admin().get("/api/v1/tokens/" + id).then().body("lastUsedAt", notNullValue());
        admin().delete("/api/v1/tokens/" + id).then().statusCode(200).body("revokedAt", notNullValue());
        as(secret)
                .contentType(ContentType.JSON)
                .body(article(wenzhou, "after-revocation"))
                .post("/api/v1/articles")
                .then()
                .statusCode(401)
                .body("detail", containsString("revoked"));
        admin().delete("/api/v1/tokens/" + id).then().statusCode(409);

        String expiring = token("editor", wenzhou, false);
        TestData.column(
                db,
                "update api_token set expires_at = now() - interval '1 second' where secret_hash = ? returning id",
                Hashes.sha256Hex(expiring));
        as(expiring)
                .contentType(ContentType.JSON)
                .body(article(wenzhou, "after-expiry"))
                .post("/api/v1/articles")
                .then()
                .statusCode(401);
        assertEquals(0, count(db, "select count(*) from article where slug in ('after-revocation', 'after-expiry')"));

        json().body(Map.of("name", "x", "role", "editor"))
                .post("/api/v1/tokens")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("publisher"));
        json().body(Map.of("name", "x", "role", "admin", "publisher", wenzhou))
                .post("/api/v1/tokens")
                .then()
                .statusCode(400);
        json().body(Map.of("name", "x", "role", "sync", "expiresAt", "2001-01-01T00:00:00Z"))
                .post("/api/v1/tokens")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("expiresAt"));
        json().body(Map.of("name", "x", "role", "root"))
                .post("/api/v1/tokens")
                .then()
                .statusCode(400);
        as(tokens.get("editor of the publisher")).get("/api/v1/tokens").then().statusCode(403);
        given().get("/api/v1/tokens").then().statusCode(401);
    }

    @Test
    void everyWriteIsAuditedWithWhoWhatAndWhenAndARefusedOneIsNot() {
        String editor = tokens.get("editor of the publisher");
        Response created = as(editor)
                .contentType(ContentType.JSON)
                .body(article(wenzhou, "audited"))
                .post("/api/v1/articles");
        String id = created.path("id");
        Map<String, Object> edit = article(wenzhou, "audited");
        edit.put("title", "审计后的标题");
        as(editor)
                .contentType(ContentType.JSON)
                .body(edit)
                .put("/api/v1/articles/" + id)
                .then()
                .statusCode(200);
        long rows = count(db, "select count(*) from audit_event where resource_id = ?", id);
        Map<String, Object> bad = article(wenzhou, "audited");
        bad.put("regionCodes", List.of("339999"));
        as(editor)
                .contentType(ContentType.JSON)
                .body(bad)
                .put("/api/v1/articles/" + id)
                .then()
                .statusCode(400);
        as(tokens.get("editor of another publisher"))
                .delete("/api/v1/articles/" + id)
                .then()
                .statusCode(403);
        assertEquals(
                rows,
                count(db, "select count(*) from audit_event where resource_id = ?", id),
                "refused writes leave no audit row");

        as(editor)
                .get("/api/v1/audit?resourceId=" + id)
                .then()
                .statusCode(200)
                .body("items.action", org.hamcrest.Matchers.contains("update", "create"))
                .body("items[0].tokenName", equalTo("editor of " + wenzhou))
                .body("items[0].clientAddress", equalTo("127.0.0.1"))
                .body("items[0].before.original.title", equalTo("温州福彩2019年销量再破20亿"))
                .body("items[0].after.original.title", equalTo("审计后的标题"))
                .body("items[1].before", nullValue());
        as(tokens.get("editor of another publisher"))
                .get("/api/v1/audit?resourceId=" + id)
                .then()
                .statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(0));
        as(tokens.get("reader of the publisher")).get("/api/v1/audit").then().statusCode(403);
        admin().get("/api/v1/audit?limit=5").then().statusCode(200).body("items.occurredAt", everyItem(notNullValue()));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () -> TestData.column(db, "delete from audit_event where resource_id = ? returning id", id),
                "the audit log is append-only");
    }

    @Test
    void tokenAndWebhookWritesNeedTheRightRoleAndPublisher() {
        String tokenId = json().body(Map.of("name", "将被撤销", "role", "sync"))
                .post("/api/v1/tokens")
                .path("token.id");
        expectWrite(
                "revoke token",
                r -> r.delete("/api/v1/tokens/" + tokenId),
                200,
                List.of("admin"),
                "select count(*) from api_token where revoked_at is not null and id = '" + tokenId + "'");
        List<String> editors = List.of("admin", "editor of the publisher", "editor of the parent, with children");
        int[] n = {0};
        expectWrite(
                "create webhook",
                r -> r.body(Map.of(
                                "url",
                                "http://127.0.0.1:9/hook/" + n[0]++,
                                "events",
                                List.of("article.published"),
                                "publisher",
                                wenzhou))
                        .post("/api/v1/webhooks"),
                201,
                editors,
                "select count(*) from webhook w join publisher p on p.id = w.publisher_id where p.slug = '" + wenzhou
                        + "'");
        as(tokens.get("editor of the publisher"))
                .body(Map.of("url", "http://127.0.0.1:9/all", "events", List.of("article.published")))
                .post("/api/v1/webhooks")
                .then()
                .statusCode(403);
    }

    private Map<String, Object> figure(String publisher, String value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("publisher", publisher);
        body.put("regionCode", "330300");
        body.put("period", Map.of("start", "2019-01-01", "end", "2019-12-31", "granularity", "YEAR"));
        body.put("lotteryType", "welfare");
        body.put("amount", Map.of("value", value, "unit", "亿元"));
        body.put("qualifier", "exact");
        body.put("source", Map.of("url", "https://www.example.org/x"));
        return body;
    }

    private static String token(String role, String publisher, boolean includeChildren) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", role + (publisher == null ? "" : " of " + publisher));
        body.put("role", role);
        body.put("publisher", publisher);
        body.put("includeChildren", includeChildren);
        return json().body(body)
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    private static RequestSpecification as(String secret) {
        return given().header("Authorization", "Bearer " + secret).contentType(ContentType.JSON);
    }
}
