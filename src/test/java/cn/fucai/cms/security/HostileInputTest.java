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
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.figure.FigureFixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** Nothing a client sends may break the service, leak data or plant script in a partner's page. */
@QuarkusTest
class HostileInputTest {

    private static final List<String> INJECTIONS = List.of(
            "' or '1'='1",
            "1; drop table article; --",
            "\" OR \"\"=\"",
            "330000' --",
            "%27%20or%201=1",
            "$(rm -rf /)",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "-1",
            "9".repeat(40));

    @Inject
    AgroalDataSource db;

    @Test
    void articleHtmlIsSanitisedOnWriteAndChineseTextSurvives() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, "xss");
        body.put(
                "body",
                "<p onclick=\"steal()\">福彩公益金 &amp; 扶老</p><script>alert(1)</script>"
                        + "<img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">链接</a><iframe src=\"https://x.example\"></iframe>"
                        + "<p style=\"color:red\">红色</p>");
        body.put(
                "translations",
                List.of(Map.of("locale", "en", "title", "XSS", "body", "<p>ok</p><svg onload=alert(1)>")));
        String id = createArticleId(body);
        String stored = given().get("/api/v1/articles/" + id).path("body");
        // an image that is not the media library's is dropped whole
        assertEquals("<p>福彩公益金 &amp; 扶老</p><a rel=\"nofollow noopener\">链接</a><p>红色</p>", stored);
        for (String forbidden : List.of("script", "onerror", "onclick", "javascript", "iframe", "style")) {
            assertFalse(stored.contains(forbidden), forbidden + " survived: " + stored);
        }
        assertEquals(
                "<p>ok</p>",
                given().get("/api/v1/articles/" + id + "?locale=en").path("body"));
    }

    @Test
    void controlCharactersAreRefusedNamingTheFieldAndTheAtomFeedStaysWellFormed() throws Exception {
        String publisher = createPublisher();
        for (String control : List.of("\u0001", "\u000B", "\u001F", "\uFFFE")) {
            Map<String, Object> body = article(publisher, "control-" + (int) control.charAt(0));
            body.put("title", "福彩" + control + "公益");
            json().body(body)
                    .post("/api/v1/articles")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("title"))
                    .body("violations[0].message", containsString("control character"));
            Map<String, Object> inTranslation = article(publisher, "control-tr-" + (int) control.charAt(0));
            inTranslation.put("translations", List.of(Map.of("locale", "en", "title", "Welfare" + control)));
            json().body(inTranslation)
                    .post("/api/v1/articles")
                    .then()
                    .statusCode(400)
                    .body("violations[0].field", equalTo("translations[0].title"));
        }
        given().urlEncodingEnabled(false)
                .get("/api/v1/search?q=%E7%A6%8F%01")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("q"));
        assertEquals(
                0,
                count(
                        db,
                        "select count(*) from article a join publisher p on p.id = a.publisher_id where p.slug = ?",
                        publisher));

        // tab and line breaks are text; what is stored stays well-formed XML in every feed
        Map<String, Object> lines = article(publisher, "lines");
        lines.put("summary", "第一行\r\n第二行\t制表");
        createArticleId(lines);
        for (String feed : List.of("/api/v1/feed.atom", "/api/v1/publishers/" + publisher + "/feed.atom")) {
            byte[] atom = given().get(feed).then().statusCode(200).extract().asByteArray();
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(atom));
        }
    }

    @Test
    void datesOutsideTheYearsTheServiceTakesAre400NamingTheField() {
        given().get("/api/v1/sales-figures/summary?groupBy=year&periodFrom=-999999999-01-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("periodFrom"))
                .body("violations[0].message", containsString("1900 to 2200"));
        given().urlEncodingEnabled(false)
                .get("/api/v1/fund-figures?periodTo=%2B999999999-12-31")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("periodTo"));
        given().get("/api/v1/articles?publishedFrom=0001-01-01")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("publishedFrom"));
        given().get("/api/v1/articles?publishedTo=9999-12-31T00:00:00Z")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("publishedTo"));

        String publisher = createPublisher();
        Map<String, Object> figure = FigureFixtures.sales(publisher, "330300", "743.9", "万元");
        figure.put("period", FigureFixtures.period("-999999999-01-01", "2019-12-31", "CUSTOM"));
        json().body(figure)
                .post("/api/v1/sales-figures")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("period.start"));
        Map<String, Object> late = article(publisher, "far-future");
        late.put("publishedAt", "+999999999-12-31T00:00:00Z");
        json().body(late)
                .post("/api/v1/articles")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("publishedAt"));
        assertEquals(
                0,
                count(
                        db,
                        "select count(*) from publisher p where p.slug = ? and"
                                + " (exists (select 1 from article a where a.publisher_id = p.id)"
                                + " or exists (select 1 from figure f where f.publisher_id = p.id))",
                        publisher));
    }

    @Test
    void aStatementOverItsTimeLimitAnswers503WithRetryAfterAndChangesNothing() throws Exception {
        String publisher = createPublisher();
        String id = createArticleId(article(publisher, "locked"));
        try (Connection holder = db.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select 1 from article where id = ? for update")) {
                lock.setObject(1, UUID.fromString(id));
                lock.executeQuery();
            }
            // the delete waits for the row lock until statement_timeout (3 s in the test profile) stops it
            admin().delete("/api/v1/articles/" + id)
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("/problems/service-unavailable"))
                    .body(
                            "detail",
                            equalTo("the request took longer than the service allows; narrow it or try again later"));
            holder.rollback();
        }
        assertEquals(0, count(db, "select count(*) from article where id = ?::uuid and deleted_at is not null", id));
        given().get("/api/v1/articles/" + id).then().statusCode(200);
    }

    @Test
    void bodiesOverTheLimitAre413AndNothingIsWritten() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, "huge");
        body.put("body", "福".repeat(400_000));
        json().body(body)
                .post("/api/v1/articles")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/payload-too-large"));
        assertEquals(0, count(db, "select count(*) from article where slug = 'huge'"));
    }

    @Test
    void deeplyNestedJsonIsRefusedWith400() {
        String nested = "[".repeat(5000) + "]".repeat(5000);
        json().body("{\"title\": " + nested + "}")
                .post("/api/v1/articles")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void injectionStringsInEveryFilterAreJustValues() {
        long articles = count(db, "select count(*) from article");
        long publishers = count(db, "select count(*) from publisher");
        Map<String, List<String>> parameters = Map.of(
                "/api/v1/articles",
                        List.of(
                                "publisher",
                                "region",
                                "category",
                                "tag",
                                "status",
                                "locale",
                                "publishedFrom",
                                "publishedTo",
                                "sort",
                                "cursor",
                                "limit"),
                "/api/v1/publishers", List.of("level", "kind", "region", "parent", "cursor", "limit"),
                "/api/v1/regions", List.of("level", "parent", "cursor", "limit"),
                "/api/v1/sales-figures",
                        List.of(
                                "publisher",
                                "region",
                                "periodFrom",
                                "periodTo",
                                "lotteryType",
                                "gameCategory",
                                "granularity",
                                "sort",
                                "asOf",
                                "cursor"),
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
        given().header("Origin", "https://www.zjfc.example")
                .get("/api/v1/regions/330000")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://www.zjfc.example")
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                // a front end of another origin reads a write's position to read it back (Read-After)
                .header("Access-Control-Expose-Headers", containsString("Commit-Position"));
        given().header("Origin", "https://www.zjfc.example")
                .header("Access-Control-Request-Method", "PUT")
                .options("/api/v1/articles")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://www.zjfc.example");
        given().header("Origin", "https://evil.example")
                .get("/api/v1/regions/330000")
                .then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void responsesCarrySecurityHeaders() {
        given().get("/api/v1/regions/330000")
                .then()
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("default-src 'none'"));
        given().get("/q/swagger-ui/")
                .then()
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }
}
