package cn.fucai.cms.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The committed OpenAPI document is what the build writes, and it describes every operation completely. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("openapi");
    private static final Path GENERATED = Path.of("target/openapi-generated");

    @Test
    void committedDocumentMatchesWhatTheBuildWrites() throws IOException {
        for (String file : List.of("openapi.yaml", "openapi.json")) {
            assertEquals(
                    Files.readString(GENERATED.resolve(file)),
                    Files.readString(COMMITTED.resolve(file)),
                    "openapi/" + file + " is stale: run `./mvnw package -DskipTests` and commit openapi/");
        }
    }

    @Test
    void everyOperationAndParameterIsDescribedWritesAreSecuredAndErrorsAreProblemJson() throws IOException {
        JsonNode document =
                new ObjectMapper().readTree(GENERATED.resolve("openapi.json").toFile());
        assertTrue(document.at("/components/schemas/Problem").isObject());
        Set<String> operationIds = new HashSet<>();
        List<String> gaps = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                if (!operationIds.add(operation.path("operationId").asText())) {
                    gaps.add(where + ": missing or duplicate operationId");
                }
                if (operation.path("summary").asText().isBlank()) {
                    gaps.add(where + ": no summary");
                }
                if (operation.path("description").asText().isBlank()) {
                    gaps.add(where + ": no description");
                }
                for (JsonNode parameter : operation.path("parameters")) {
                    if (parameter.path("description").asText().isBlank()) {
                        gaps.add(where + ": parameter " + parameter.path("name").asText() + " has no description");
                    }
                    if (parameter.path("name").asText().equals("If-Match")
                            && !operation.get("responses").has("412")) {
                        gaps.add(where + ": takes If-Match but documents no 412");
                    }
                }
                if (operation.get("responses").has("201")
                        && !operation.at("/responses/201/headers").has("Location")) {
                    gaps.add(where + ": a 201 without its Location header");
                }
                if (operation.path("tags").isEmpty()) {
                    gaps.add(where + ": no tag");
                }
                for (Iterator<Map.Entry<String, JsonNode>> responses =
                                operation.get("responses").fields();
                        responses.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = responses.next();
                    if (response.getValue().path("description").asText().isBlank()) {
                        gaps.add(where + " " + response.getKey() + ": no description");
                    }
                    // 414 comes from the HTTP server before anything of ours runs: documented as the bodyless answer it
                    // is
                    if (response.getKey().matches("[45]\\d\\d")
                            && !response.getKey().equals("414")
                            && !response.getValue()
                                    .at("/content/application~1problem+json/schema/$ref")
                                    .asText()
                                    .endsWith("/Problem")) {
                        gaps.add(where + " " + response.getKey() + ": not problem+json");
                    }
                }
                if (List.of("post", "put", "delete").contains(op.getKey())) {
                    if (operation.path("security").isEmpty()) {
                        gaps.add(where + ": a write without a security requirement");
                    }
                    for (String status : List.of("401", "403", "429")) {
                        if (!operation.get("responses").has(status)) {
                            gaps.add(where + ": a write without its " + status);
                        }
                    }
                }
                if (!operation.get("responses").has("500")) {
                    gaps.add(where + ": no 500");
                }
            }
        }
        assertFalse(operationIds.isEmpty());
        assertEquals(List.of(), gaps);
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200);
    }
}
