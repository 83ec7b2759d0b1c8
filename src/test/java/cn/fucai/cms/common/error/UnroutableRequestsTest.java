package cn.fucai.cms.common.error;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.LogLines;
import cn.fucai.cms.support.RawHttp;
import cn.fucai.cms.support.RawHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Headers;
import java.io.IOException;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests without a usable Host, sent on a raw socket (HTTP clients always send one): a problem+json 400 naming it,
 * with the API's security headers, and no error in the log. Before, HTTP/1.1 ones got Quarkus's own JSON and an error
 * logged, and HTTP/1.0 ones a 500.
 */
@QuarkusTest
class UnroutableRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL server;

    private final LogLines errors = LogLines.errors();

    @BeforeEach
    void listen() {
        errors.listen();
    }

    @AfterEach
    void stopListening() {
        errors.stop();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /api/v1/articles HTTP/1.0\r\n",
                "GET /api/v1/regions HTTP/1.0\r\n",
                "GET /api/v1/articles/not-an-id HTTP/1.0\r\n",
                "GET /api/v1/articles HTTP/1.1\r\n",
                "GET /api/v1/articles HTTP/1.1\r\nHost: [::1\r\n",
                "GET /api/v1/regions HTTP/1.1\r\nHost: localhost:99999\r\n",
                "POST /api/v1/articles HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
                "GET /disclosures/ HTTP/1.0\r\n"
            })
    void aRequestWithoutAUsableHostIsA400NamingIt(String head) throws IOException {
        Answer answer = RawHttp.send(server, head.endsWith("{}") ? head : head + "\r\n");

        assertEquals(400, answer.status(), answer.toString());
        assertEquals("application/problem+json", answer.headers().get("content-type"));
        // the API's own security headers, as every other API answer carries them
        Headers api = given().get("/api/v1").headers();
        assertEquals(api.getValue("X-Content-Type-Options"), answer.headers().get("x-content-type-options"));
        assertEquals(api.getValue("Content-Security-Policy"), answer.headers().get("content-security-policy"));
        JsonNode problem = JSON.readTree(answer.body());
        assertEquals("/problems/validation-failed", problem.path("type").asText());
        assertEquals(400, problem.path("status").asInt());
        assertEquals(UnroutableRequests.DETAIL, problem.path("detail").asText());
        assertTrue(errors.lines().isEmpty(), "logged as errors: " + errors.lines());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.0", "HTTP/1.1"})
    void withAHostBothVersionsAreServed(String version) throws IOException {
        Answer answer = RawHttp.send(server, "GET /api/v1/regions?limit=1 " + version + "\r\nHost: localhost\r\n\r\n");

        assertEquals(200, answer.status(), answer.toString());
        assertTrue(answer.body().contains("\"中国\""), answer.body());
        assertTrue(errors.lines().isEmpty(), "logged as errors: " + errors.lines());
    }
}
