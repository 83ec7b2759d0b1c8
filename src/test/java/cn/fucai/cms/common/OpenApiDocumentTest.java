package cn.fucai.cms.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.common.http.OpenApiConventions;
import cn.fucai.cms.media.MediaFixtures;
import cn.fucai.cms.support.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
                    // a public write (sign-in) takes no credentials, so none can lack the role: no 403
                    boolean open = false;
                    for (JsonNode requirement : operation.path("security")) {
                        open |= requirement.isEmpty();
                    }
                    for (String status : open ? List.of("401", "429") : List.of("401", "403", "429")) {
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

    /**
     * Generators name enum constants after the values, and lose what is not an identifier (万元 became {@code u2}): such
     * an enum carries its names and descriptions, in Chinese and English, for them.
     */
    @Test
    void everyEnumWhoseValuesAreNotIdentifiersNamesThemForGenerators() throws IOException {
        JsonNode document =
                new ObjectMapper().readTree(GENERATED.resolve("openapi.json").toFile());
        List<String> gaps = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (JsonNode schema : document.findParents("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(value -> values.add(value.asText()));
            if (values.stream().allMatch(value -> value.matches("[A-Za-z_][A-Za-z0-9_]*"))) {
                continue;
            }
            List<String> varnames = new ArrayList<>();
            schema.path("x-enum-varnames").forEach(name -> varnames.add(name.asText()));
            List<String> descriptions = new ArrayList<>();
            schema.path("x-enum-descriptions").forEach(text -> descriptions.add(text.asText()));
            if (varnames.size() != values.size()
                    || new HashSet<>(varnames).size() != varnames.size()
                    || !varnames.stream().allMatch(name -> name.matches("[A-Z][A-Z0-9_]*"))) {
                gaps.add(values + ": x-enum-varnames " + varnames);
            }
            if (descriptions.size() != values.size()
                    || !descriptions.stream().allMatch(text -> text.matches("(?s).*\\p{IsHan}.*[A-Za-z].*"))) {
                gaps.add(values + ": x-enum-descriptions in Chinese and English " + descriptions);
            }
            named.add(String.join(" ", values));
        }
        assertEquals(List.of(), gaps);
        // the money units, the sort orders, audit actions and kinds, webhook attempt errors
        assertTrue(named.contains("元 万元 亿元"), named.toString());
        assertTrue(named.contains("-periodStart periodStart -updatedAt updatedAt"), named.toString());
        assertEquals(
                "[\"YUAN\",\"WAN_YUAN\",\"YI_YUAN\"]",
                document.at("/components/schemas/AmountInput/properties/unit/x-enum-varnames")
                        .toString());
        // identifiers name themselves; a wire enum of them still explains each value
        assertTrue(document.at("/components/schemas/Qualifier/x-enum-varnames").isMissingNode());
        assertEquals(
                4,
                document.at("/components/schemas/Qualifier/x-enum-descriptions").size());
    }

    /** FigureSort once listed its Java constants (PERIOD_DESC) where the API takes -periodStart. */
    @Test
    void everyEnumValueTheDocumentListsForAQueryParameterIsAccepted() throws IOException {
        JsonNode document =
                new ObjectMapper().readTree(GENERATED.resolve("openapi.json").toFile());
        int tried = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode list = path.getValue().path("get");
            if (path.getKey().contains("{") || list.isMissingNode()) {
                continue;
            }
            for (JsonNode parameter : list.path("parameters")) {
                if (!parameter.path("in").asText().equals("query")
                        || enumOf(document, parameter).isMissingNode()) {
                    continue;
                }
                for (JsonNode value : enumOf(document, parameter)) {
                    String name = parameter.get("name").asText();
                    // required parameters take their example (or first value), a fund summary one flow; the value
                    // tried replaces its default
                    Map<String, String> query = new LinkedHashMap<>();
                    for (JsonNode other : list.path("parameters")) {
                        if (other.path("required").asBoolean()) {
                            String example = other.path("example").asText(null);
                            query.put(
                                    other.get("name").asText(),
                                    example != null
                                            ? example
                                            : enumOf(document, other).get(0).asText());
                        }
                    }
                    if (path.getKey().equals("/api/v1/fund-figures/summary")) {
                        query.put("flow", "raised");
                    }
                    query.put(name, value.asText());
                    int status = TestData.admin()
                            .queryParams(query)
                            .get(path.getKey())
                            .statusCode();
                    assertEquals(200, status, path.getKey() + " " + query);
                    tried++;
                }
            }
        }
        assertTrue(tried > 40, "tried " + tried);
    }

    /**
     * The upload takes the multipart form or the bytes as the body: every other body type the document lists is
     * accepted with the form's fields as the query parameters it lists, and no marker of the convention is left in it.
     */
    @Test
    void everyBodyTheUploadListsIsTakenWithTheParametersItLists() throws IOException {
        String text = Files.readString(GENERATED.resolve("openapi.json"));
        assertFalse(text.contains(OpenApiConventions.BYTES_AS_BODY));
        JsonNode upload = new ObjectMapper().readTree(text).at("/paths/~1api~1v1~1media/post");
        List<String> types = new ArrayList<>();
        upload.at("/requestBody/content").fieldNames().forEachRemaining(types::add);
        assertEquals(List.of("multipart/form-data", "image/*", "application/pdf", "application/octet-stream"), types);
        Set<String> query = new HashSet<>();
        for (JsonNode parameter : upload.path("parameters")) {
            if (parameter.path("in").asText().equals("query")) {
                query.add(parameter.get("name").asText());
                assertFalse(parameter.path("required").asBoolean(), "the multipart form needs no query parameter");
            }
        }
        Set<String> form = new HashSet<>();
        upload.at("/requestBody/content/multipart~1form-data/schema/properties")
                .fieldNames()
                .forEachRemaining(form::add);
        form.remove("file");
        assertEquals(form, query);

        String publisher = TestData.createPublisher();
        Map<String, byte[]> bodies = Map.of(
                "image/*", MediaFixtures.png(40, 30, 7101),
                "application/pdf", MediaFixtures.pdf(2, false),
                "application/octet-stream", MediaFixtures.jpeg(50, 20, 7102));
        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            String type = body.getKey().replace("*", "png");
            TestData.admin()
                    .contentType(type)
                    .header("Content-Disposition", "attachment; filename*=UTF-8''%E5%85%AC%E5%91%8A.bin")
                    .queryParam("publisher", publisher)
                    .queryParam("locale", "zh-CN")
                    .queryParam("title", "公益金公告")
                    .queryParam("alt", "福彩中心大楼")
                    .queryParam("caption", "2019年")
                    .queryParam("credit", "温州市福彩中心")
                    .body(body.getValue())
                    .post("/api/v1/media")
                    .then()
                    .statusCode(201)
                    .body("publisher.slug", equalTo(publisher))
                    .body("mediaType", equalTo(type.equals("application/octet-stream") ? "image/jpeg" : type))
                    .body("originalName", equalTo("公告.bin"))
                    .body("title", equalTo("公益金公告"))
                    .body("alt", equalTo("福彩中心大楼"))
                    .body("caption", equalTo("2019年"))
                    .body("credit", equalTo("温州市福彩中心"));
        }
    }

    private static JsonNode enumOf(JsonNode document, JsonNode parameter) {
        JsonNode schema = parameter.path("schema");
        if (schema.has("$ref")) {
            schema = document.at(schema.get("$ref").asText().substring(1));
        }
        return schema.path("enum");
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200);
    }
}
