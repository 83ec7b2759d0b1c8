package cn.fucai.cms.common.http;

import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.await;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.LogLines;
import cn.fucai.cms.support.RawHttp;
import cn.fucai.cms.support.RawHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request lines as clients that do not percent-encode send them, on a raw socket: raw UTF-8 (curl, PHP), characters a
 * URI leaves out ({@code fetch} sends {@code |} as it is), a stray {@code %}, and GBK. Before, Quarkus answered every
 * one of them with an empty 400.
 */
@QuarkusTest
class RawRequestTargetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL server;

    private final LogLines errors = LogLines.errors();
    private final LogLines requests = LogLines.of(RequestLog.class.getName());

    private String publisher;
    private String article;

    @BeforeEach
    void fixture() {
        errors.listen();
        requests.listen();
        publisher = createPublisher();
        Map<String, Object> body = article(publisher, "raw-target");
        body.put("title", "福彩助学|圆梦100%");
        body.put("body", "<p>资助困难学生。</p>");
        article = createArticleId(body);
    }

    @AfterEach
    void stopListening() {
        errors.stop();
        requests.stop();
    }

    /** A GET of this target, its bytes as given, with a Host. */
    private Answer get(byte[]... target) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes("GET ".getBytes(StandardCharsets.US_ASCII));
        for (byte[] part : target) {
            request.writeBytes(part);
        }
        String id = "raw-" + UUID.randomUUID();
        request.writeBytes(
                ascii(" HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: " + id + "\r\nConnection: close\r\n\r\n"));
        Answer answer = RawHttp.send(server, request.toByteArray());
        assertEquals(id, answer.headers().get("x-request-id"), answer.toString());
        return answer;
    }

    /** The one line the request log wrote for this answer. */
    private String logged(Answer answer) {
        String id = "id=" + answer.headers().get("x-request-id");
        await(() -> requests.lines().stream().anyMatch(line -> line.contains(id)), id, Duration.ofSeconds(5));
        List<String> lines =
                requests.lines().stream().filter(line -> line.contains(id)).toList();
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    /** The search's answer for this term, asked the way HTTP clients ask (percent-encoded). */
    private String searchedProperly(String term) {
        return given().queryParam("q", term)
                .queryParam("publisher", publisher)
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    @Test
    void rawUtf8IsReadAsIfPercentEncoded() throws IOException {
        Answer answer = get(
                ascii("/api/v1/search?q="), bytes("福彩助学", StandardCharsets.UTF_8), ascii("&publisher=" + publisher));

        assertEquals(200, answer.status(), answer.toString());
        JsonNode items = JSON.readTree(answer.body()).path("items");
        assertEquals(1, items.size(), answer.body());
        assertEquals(article, items.get(0).path("id").asText());
        assertEquals(JSON.readTree(searchedProperly("福彩助学")), JSON.readTree(answer.body()));
        // logged once, though routed twice
        assertTrue(logged(answer).startsWith("GET /api/v1/search 200 "), logged(answer));
        assertTrue(errors.lines().isEmpty(), "logged as errors: " + errors.lines());
    }

    @Test
    void aRawUtf8SlugInThePathIsDecodedAsUtf8() throws IOException {
        Answer answer = get(ascii("/api/v1/publishers/"), bytes("福彩中心", StandardCharsets.UTF_8));

        assertEquals(404, answer.status(), answer.toString());
        JsonNode problem = JSON.readTree(answer.body());
        assertEquals("no publisher 福彩中心", problem.path("detail").asText());
        assertTrue(
                logged(answer).contains(" /api/v1/publishers/%E7%A6%8F%E5%BD%A9%E4%B8%AD%E5%BF%83 "),
                "the path logged as read, no raw bytes: " + logged(answer));
        assertEquals("/api/v1/publishers/福彩中心", problem.path("instance").asText());
    }

    @Test
    void charactersAUriLeavesOutAndAStrayPercentAreTakenAsThemselves() throws IOException {
        Answer pipe = get(ascii("/api/v1/search?q=%E5%9C%86%E6%A2%A6|100%&publisher=" + publisher));

        assertEquals(200, pipe.status(), pipe.toString());
        assertEquals(JSON.readTree(searchedProperly("圆梦|100%")), JSON.readTree(pipe.body()));
        assertEquals(
                article,
                JSON.readTree(pipe.body()).path("items").get(0).path("id").asText());
        assertTrue(errors.lines().isEmpty(), "logged as errors: " + errors.lines());
    }

    @Test
    void aControlCharacterIsNamedByTheParameterCheck() throws IOException {
        Answer answer = get(ascii("/api/v1/search?q=a\u0001b"));

        assertEquals(400, answer.status(), answer.toString());
        JsonNode problem = JSON.readTree(answer.body());
        assertEquals("q", problem.path("violations").get(0).path("field").asText());
        assertTrue(problem.path("detail").asText().contains("control character \\u0001"), answer.body());
    }

    @Test
    void gbkRawOrPercentEncodedIsA400NamingTheParameter() throws IOException {
        Headers api = given().get("/api/v1").headers();
        List<Answer> answers = List.of(
                get(ascii("/api/v1/search?publisher=" + publisher + "&q="), bytes("福彩", Charset.forName("GBK"))),
                get(ascii("/api/v1/search?publisher=" + publisher + "&q=%B8%A3%B2%CA")));
        for (Answer answer : answers) {
            assertEquals(400, answer.status(), answer.toString());
            assertEquals("application/problem+json", answer.headers().get("content-type"));
            assertEquals(
                    api.getValue("X-Content-Type-Options"), answer.headers().get("x-content-type-options"));
            assertEquals(
                    api.getValue("Content-Security-Policy"), answer.headers().get("content-security-policy"));
            assertNotNull(answer.headers().get("x-request-id"));
            JsonNode problem = JSON.readTree(answer.body());
            assertEquals("/problems/validation-failed", problem.path("type").asText());
            String message =
                    "is not UTF-8 (%B8%A3%B2%CA, GBK or GB18030 perhaps): percent-encode the UTF-8 bytes of the"
                            + " text, as encodeURIComponent does";
            assertEquals("q: " + message, problem.path("detail").asText());
            assertEquals("q", problem.path("violations").get(0).path("field").asText());
            assertEquals(
                    message, problem.path("violations").get(0).path("message").asText());
            assertTrue(logged(answer).startsWith("GET - 400 "), logged(answer));
        }
        assertTrue(errors.lines().isEmpty(), "logged as errors: " + errors.lines());
    }

    @Test
    void aPathInGbkIsA400NamingThePath() throws IOException {
        Answer answer = get(ascii("/api/v1/publishers/"), bytes("福彩", Charset.forName("GBK")));

        assertEquals(400, answer.status(), answer.toString());
        JsonNode problem = JSON.readTree(answer.body());
        assertEquals("path", problem.path("violations").get(0).path("field").asText());
        assertEquals("/api/v1/publishers/%B8%A3%B2%CA", problem.path("instance").asText());
    }
}
