package cn.fucai.cms.common.health;

import static cn.fucai.cms.support.TestData.ADMIN_TOKEN;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.await;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.common.http.RequestLog;
import cn.fucai.cms.support.LogLines;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request log: one line per request, with the route template and a request id, and never a token. */
@QuarkusTest
class RequestLogTest {

    private final LogLines log = LogLines.of(RequestLog.class.getName());
    private final List<String> lines = log.lines();

    @BeforeEach
    void listen() {
        log.listen();
    }

    @AfterEach
    void stopListening() {
        log.stop();
    }

    @Test
    void eachRequestIsOneLineWithItsRouteStatusAndTheClientsRequestIdButNoToken() {
        String id = createArticleId(article(createPublisher(), "logged"));
        lines.clear();
        given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("X-Request-Id", "mirror-42.7")
                .get("/api/v1/articles/" + id + "?locale=en&note=secret-in-query")
                .then()
                .statusCode(200)
                .header("X-Request-Id", "mirror-42.7");
        String line = awaitLine("id=mirror-42.7");
        assertTrue(line.matches("GET /api/v1/articles/\\{id} 200 \\d+\\.\\d ms .*"), line);
        assertTrue(line.contains(" /api/v1/articles/" + id + " "), line);
        assertTrue(
                line.contains("route=/api/v1/articles/{id}")
                        && line.contains("status=200")
                        && line.matches(".*durationMs=\\d+\\.\\d[,}].*"),
                "fields for JSON logs: " + line);
        assertFalse(line.contains(ADMIN_TOKEN) || line.contains("secret-in-query"), line);
        assertEquals(1, lines.stream().filter(l -> l.contains("id=mirror-42.7")).count());
    }

    @Test
    void aTraceparentGivesTheIdAndAnUnusableIdIsReplaced() {
        Response traced = given().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .get("/api/v1/regions/330000");
        traced.then()
                .statusCode(200)
                .header("X-Request-Id", "4bf92f3577b34da6a3ce929d0e0e4736")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        awaitLine("id=4bf92f3577b34da6a3ce929d0e0e4736");

        String replaced = given().header("X-Request-Id", "has spaces; and=more")
                .get("/api/v1/nowhere")
                .then()
                .statusCode(404)
                .extract()
                .header("X-Request-Id");
        assertTrue(replaced.matches("[0-9a-f-]{36}"), replaced);
        assertTrue(awaitLine("id=" + replaced).startsWith("GET - 404 "), "an unmatched path has no route");
    }

    private String awaitLine(String part) {
        await(() -> lines.stream().anyMatch(l -> l.contains(part)), "a log line with " + part, Duration.ofSeconds(5));
        return lines.stream().filter(l -> l.contains(part)).findFirst().orElseThrow();
    }
}
