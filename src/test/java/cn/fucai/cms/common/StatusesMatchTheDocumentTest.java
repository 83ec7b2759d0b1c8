package cn.fucai.cms.common;

import static cn.fucai.cms.support.TestData.ADMIN_TOKEN;
import static cn.fucai.cms.support.TestData.createPublisher;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The contract check of issue #15, point 16: every documented operation is sent a series of ordinary and hostile
 * requests (no token, a bogus token, an empty body, a wrong Accept, bad parameters, a conditional GET, an over-long
 * request line), and every status it answers must be one the OpenAPI document lists for that operation; every 4xx and
 * 5xx but 414 must be problem+json. (Bodies over the limit are HostileInputTest's: the server answers 413 before
 * reading them, which leaves this client a broken pipe instead of a status.)
 */
@QuarkusTest
class StatusesMatchTheDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MISSING_ID = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11";

    @Test
    void everyOperationAnswersOnlyStatusesItDocuments() throws IOException {
        JsonNode document = JSON.readTree(Path.of("openapi/openapi.json").toFile());
        String publisher = createPublisher();
        Map<String, UnaryOperator<RequestSpecification>> variants = Map.of(
                "anonymous", r -> r,
                "bogus token", r -> r.header("Authorization", "Bearer not-a-token"),
                "admin", r -> r.header("Authorization", "Bearer " + ADMIN_TOKEN),
                "admin, wrong Accept",
                        r -> r.header("Authorization", "Bearer " + ADMIN_TOKEN).accept("application/xml"),
                "admin, bad parameters",
                        r -> r.header("Authorization", "Bearer " + ADMIN_TOKEN)
                                .queryParam("limit", "abc")
                                .queryParam("cursor", "bogus")
                                .queryParam("periodFrom", "-999999999-01-01"),
                "admin, conditional",
                        r -> r.header("Authorization", "Bearer " + ADMIN_TOKEN).header("If-None-Match", "\"nothing\""),
                "anonymous, over-long line", r -> r.queryParam("q", "a".repeat(5000)));
        List<String> undocumented = new ArrayList<>();
        int sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            String url = path.getKey()
                    .replace("{id}", MISSING_ID)
                    .replace("{deliveryId}", MISSING_ID)
                    .replace("{idOrSlug}", publisher)
                    .replace("{slug}", "no-such-article")
                    .replace("{code}", "330302")
                    .replace("{sha256}", "0".repeat(64))
                    .replace("{variant}", "original")
                    .replace("{number}", "1")
                    .replace("{token}", "not-a-preview-link");
            for (Iterator<Map.Entry<String, JsonNode>> operations =
                            path.getValue().fields();
                    operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                JsonNode documented = operation.getValue().path("responses");
                for (Map.Entry<String, UnaryOperator<RequestSpecification>> variant : variants.entrySet()) {
                    RequestSpecification request = variant.getValue().apply(given().urlEncodingEnabled(true));
                    if (!method.equals("GET")) {
                        request.contentType("application/json").body("{}");
                    }
                    Response answer = request.request(method, url);
                    sent++;
                    String status = Integer.toString(answer.statusCode());
                    String where = method + " " + path.getKey() + " (" + variant.getKey() + ")";
                    if (!documented.has(status)) {
                        undocumented.add(where + " answered " + status + ", which is not documented");
                    } else if (answer.statusCode() >= 400
                            && answer.statusCode() != 414
                            && !String.valueOf(answer.contentType()).startsWith("application/problem+json")) {
                        undocumented.add(
                                where + " answered " + status + " as '" + answer.contentType() + "', not problem+json");
                    }
                }
            }
        }
        assertTrue(sent > 300, "sent " + sent);
        assertEquals(List.of(), undocumented);
    }
}
