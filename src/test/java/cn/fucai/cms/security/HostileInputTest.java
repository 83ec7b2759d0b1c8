package cn.fucai.cms.security;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nothing a client sends may break the service, leak data or plant script in a partner's page. */
@QuarkusTest
class HostileInputTest {

    private static final List<String> INJECTIONS = List.of("' or '1'='1", "1; drop table article; --", "\" OR \"\"=\"",
            "330000' --", "%27%20or%201=1", "$(rm -rf /)", "<script>alert(1)</script>", "../../etc/passwd", "-1", "9".repeat(40));

    @Inject
    AgroalDataSource db;

    @Test
    void articleHtmlIsSanitisedOnWriteAndChineseTextSurvives() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, "xss");
        body.put("body", "<p onclick=\"steal()\">福彩公益金 &amp; 扶老</p><script>alert(1)</script>"
                + "<img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">链接</a><iframe src=\"https://x.example\"></iframe>"
                + "<p style=\"color:red\">红色</p>");
        body.put("translations", List.of(Map.of("locale", "en", "title", "XSS", "body", "<p>ok</p><svg onload=alert(1)>")));
        String id = createArticleId(body);
        String stored = given().get("/api/v1/articles/" + id).path("body");
        assertEquals("<p>福彩公益金 &amp; 扶老</p><img><a rel=\"nofollow noopener\">链接</a><p>红色</p>", stored);
        for (String forbidden : List.of("script", "onerror", "onclick", "javascript", "iframe", "style")) {
            assertFalse(stored.contains(forbidden), forbidden + " survived: " + stored);
        }
        assertEquals("<p>ok</p>", given().get("/api/v1/articles/" + id + "?locale=en").path("body"));
    }

    @Test
    void bodiesOverTheLimitAre413AndNothingIsWritten() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, "huge");
        body.put("body", "福".repeat(400_000));
        json().body(body).post("/api/v1/articles").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/payload-too-large"));
        assertEquals(0, count(db, "select count(*) from article where slug = 'huge'"));
    }

    @Test
    void deeplyNestedJsonIsRefusedWith400() {
        String nested = "[".repeat(5000) + "]".repeat(5000);
        json().body("{\"title\": " + nested + "}").post("/api/v1/articles").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void injectionStringsInEveryFilterAreJustValues() {
        long articles = count(db, "select count(*) from article");
        long publishers = count(db, "select count(*) from publisher");
        Map<String, List<String>> parameters = Map.of(
                "/api/v1/articles", List.of("publisher", "region", "category", "tag", "status", "locale", "publishedFrom", "publishedTo", "sort", "cursor", "limit"),
                "/api/v1/publishers", List.of("level", "kind", "region", "parent", "cursor", "limit"),
                "/api/v1/regions", List.of("level", "parent", "cursor", "limit"),
                "/api/v1/sales-figures", List.of("publisher", "region", "periodFrom", "periodTo", "lotteryType", "gameCategory", "granularity", "sort", "asOf", "cursor"),
                "/api/v1/fund-figures/summary", List.of("groupBy", "flow", "purpose", "region", "publisher"),
                "/api/v1/audit", List.of("resourceType", "resourceId", "action", "tokenId", "cursor"));
        for (Map.Entry<String, List<String>> endpoint : parameters.entrySet()) {
            for (String parameter : endpoint.getValue()) {
                for (String injection : INJECTIONS) {
                    Response response = admin().queryParam(parameter, injection).get(endpoint.getKey());
                    String where = endpoint.getKey() + "?" + parameter + "=" + injection + " -> " + response.asString();
                    assertTrue(response.statusCode() == 200 || response.statusCode() == 400, where);
                    assertTrue(response.contentType().contains("json"), where);
                }
            }
        }
        assertEquals(articles, count(db, "select count(*) from article"));
        assertEquals(publishers, count(db, "select count(*) from publisher"));
    }

    @Test
    void corsAllowsTheConfiguredOriginOnly() {
        given().header("Origin", "https://www.zjfc.example").get("/api/v1/regions/330000").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://www.zjfc.example")
                .header("Access-Control-Expose-Headers", containsString("ETag"));
        given().header("Origin", "https://www.zjfc.example").header("Access-Control-Request-Method", "PUT")
                .options("/api/v1/articles").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://www.zjfc.example");
        given().header("Origin", "https://evil.example").get("/api/v1/regions/330000").then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void responsesCarrySecurityHeaders() {
        given().get("/api/v1/regions/330000").then()
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("default-src 'none'"));
        given().get("/q/swagger-ui/").then()
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }
}
