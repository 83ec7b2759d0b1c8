package cn.fucai.cms.common;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.translation;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.figure.FigureFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Real answers against the schemas the OpenAPI document gives for them: every property a schema lists as required is
 * there, none is there that the schema does not describe, and each value has the documented type (null only where
 * the schema says nullable), and each of the headers ETag, Location, Link and Content-Language that the answer
 * carries is documented. What a generated client is told is what it gets.
 */
@QuarkusTest
class ResponsesMatchTheDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode document;

    @Test
    void everyKindOfAnswerHasTheFieldsAndTypesItsSchemaPromises() throws IOException {
        document = JSON.readTree(
                given().accept("application/json").get("/q/openapi?format=json").asString());
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, "schema-check");
        body.put("translations", List.of(translation("en", "Wenzhou welfare lottery sales top 2 billion")));
        Response created = json().body(body).post("/api/v1/articles");
        matches("/api/v1/articles", "post", "201", created);
        String id = created.path("id");
        Response figureCreated = json().body(FigureFixtures.fund(publisher, "330300", "raised", "5.1", "亿元"))
                .post("/api/v1/fund-figures");
        matches("/api/v1/fund-figures", "post", "201", figureCreated);
        String figure = figureCreated.path("id");
        json().body(Map.of("reason", "更正来源", "amount", FigureFixtures.amount("5.2", "亿元")))
                .post("/api/v1/fund-figures/" + figure + "/corrections");
        Response subscribed = json().body(Map.of(
                        "url",
                        "http://127.0.0.1:9/hook",
                        "events",
                        List.of("article.published"),
                        "publisher",
                        publisher))
                .post("/api/v1/webhooks");
        matches("/api/v1/webhooks", "post", "201", subscribed);
        String webhook = subscribed.path("id");
        matches("/api/v1/webhooks/{id}/secret", "post", "200", admin().post("/api/v1/webhooks/" + webhook + "/secret"));
        matches(
                "/api/v1/tokens",
                "post",
                "201",
                json().body(Map.of("name", "同步令牌", "role", "sync")).post("/api/v1/tokens"));
        matches(
                "/api/v1/publishers",
                "post",
                "201",
                json().body(publisher(uniqueSlug("schema"))).post("/api/v1/publishers"));

        matches("/api/v1", "get", "200", given().get("/api/v1"));
        matches("/api/v1/articles", "get", "200", given().get("/api/v1/articles?publisher=" + publisher));
        matches("/api/v1/articles/{id}", "get", "200", given().get("/api/v1/articles/" + id));
        matches("/api/v1/articles/{id}", "get", "200", given().get("/api/v1/articles/" + id + "?locale=en"));
        matches(
                "/api/v1/articles/{id}",
                "get",
                "404",
                given().get("/api/v1/articles/0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11"));
        matches(
                "/api/v1/articles",
                "post",
                "400",
                json().body(Map.of("title", "")).post("/api/v1/articles"));
        matches("/api/v1/publishers", "get", "200", given().get("/api/v1/publishers"));
        matches("/api/v1/publishers/{idOrSlug}", "get", "200", given().get("/api/v1/publishers/" + publisher));
        matches("/api/v1/regions", "get", "200", given().get("/api/v1/regions?parent=330000"));
        matches("/api/v1/regions/{code}", "get", "200", given().get("/api/v1/regions/330302"));
        matches("/api/v1/fund-figures", "get", "200", given().get("/api/v1/fund-figures?publisher=" + publisher));
        matches("/api/v1/fund-figures/{id}", "get", "200", given().get("/api/v1/fund-figures/" + figure));
        matches(
                "/api/v1/fund-figures/{id}/revisions",
                "get",
                "200",
                given().get("/api/v1/fund-figures/" + figure + "/revisions"));
        matches(
                "/api/v1/fund-figures/summary",
                "get",
                "200",
                given().get("/api/v1/fund-figures/summary?groupBy=year&flow=raised&publisher=" + publisher));
        matches("/api/v1/search", "get", "200", given().get("/api/v1/search?q=温州"));
        matches(
                "/api/v1/sync/articles",
                "get",
                "200",
                admin().get("/api/v1/sync/articles?limit=3&publisher=" + publisher));
        matches("/api/v1/tokens", "get", "200", admin().get("/api/v1/tokens"));
        matches("/api/v1/audit", "get", "200", admin().get("/api/v1/audit?limit=5"));
        matches("/api/v1/webhooks/{id}", "get", "200", admin().get("/api/v1/webhooks/" + webhook));
        matches(
                "/api/v1/webhooks/{id}/deliveries",
                "get",
                "200",
                admin().get("/api/v1/webhooks/" + webhook + "/deliveries"));

        // the check itself: an article is not a summary (it has a body), and a summary lacks what an article requires
        List<String> problems = new ArrayList<>();
        check(
                JSON.readTree(given().get("/api/v1/articles/" + id).asString()),
                document.at("/components/schemas/ArticleSummary"),
                "",
                problems);
        assertEquals(
                List.of(
                        "/body: not in the schema",
                        "/unpublishAt: not in the schema",
                        "/sourceName: not in the schema",
                        "/sourceUrl: not in the schema",
                        "/author: not in the schema",
                        "/release: not in the schema"),
                problems);
        problems.clear();
        check(
                JSON.readTree(given().get("/api/v1/articles?publisher=" + publisher)
                                .asString())
                        .at("/items/0"),
                document.at("/components/schemas/Article"),
                "",
                problems);
        assertEquals(
                List.of(
                        "/body: required, missing",
                        "/unpublishAt: required, missing",
                        "/sourceName: required, missing",
                        "/sourceUrl: required, missing",
                        "/author: required, missing",
                        "/release: required, missing"),
                problems);
    }

    private static void matches(String path, String method, String status, Response response) {
        assertEquals(Integer.parseInt(status), response.statusCode(), method + " " + path + ": " + response.asString());
        JsonNode operation = document.path("paths").path(path).path(method);
        JsonNode content = operation.path("responses").path(status).path("content");
        String mediaType = response.contentType().split(";")[0];
        JsonNode schema = content.path(mediaType).path("schema");
        List<String> problems = new ArrayList<>();
        JsonNode headers = operation.path("responses").path(status).path("headers");
        for (String header : List.of("ETag", "Location", "Link", "Content-Language")) {
            if (response.header(header) != null && !headers.has(header)) {
                problems.add("sends " + header + " but does not document it");
            }
        }
        if (schema.isMissingNode()) {
            problems.add("no " + mediaType + " schema documented for " + status);
        } else {
            try {
                check(JSON.readTree(response.asString()), schema, "", problems);
            } catch (IOException e) {
                problems.add("not JSON: " + e.getMessage());
            }
        }
        assertEquals(List.of(), problems, method + " " + path + " " + status);
    }

    /** Checks the value against the schema, adding what does not fit to problems. */
    private static void check(JsonNode value, JsonNode given, String where, List<String> problems) {
        JsonNode schema = resolve(given);
        for (String combination : List.of("anyOf", "oneOf")) {
            if (schema.has(combination)) {
                boolean any = false;
                for (JsonNode alternative : schema.get(combination)) {
                    List<String> found = new ArrayList<>();
                    check(value, alternative, where, found);
                    any |= found.isEmpty();
                }
                if (!any) {
                    problems.add(where + ": fits none of " + combination);
                }
                return;
            }
        }
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(part -> check(value, part, where, problems));
        }
        Set<String> types = types(schema);
        if (value.isNull()) {
            if (!types.isEmpty() && !types.contains("null")) {
                problems.add(where + ": null, but not nullable");
            }
            return;
        }
        if (!types.isEmpty()
                && !types.contains(typeOf(value))
                && !(typeOf(value).equals("integer") && types.contains("number"))) {
            problems.add(where + ": " + typeOf(value) + ", documented as " + types);
            return;
        }
        if (schema.has("enum")
                && value.isTextual()
                && !schema.get("enum")
                        .toString()
                        .contains(JSON.valueToTree(value.asText()).toString())) {
            problems.add(where + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isObject()) {
            schema.path("required").forEach(name -> {
                if (!value.has(name.asText())) {
                    problems.add(where + "/" + name.asText() + ": required, missing");
                }
            });
            JsonNode properties = schema.path("properties");
            value.fieldNames().forEachRemaining(name -> {
                if (properties.has(name)) {
                    check(value.get(name), properties.get(name), where + "/" + name, problems);
                } else if (schema.has("additionalProperties")) {
                    check(value.get(name), schema.get("additionalProperties"), where + "/" + name, problems);
                } else if (properties.size() > 0) {
                    problems.add(where + "/" + name + ": not in the schema");
                }
            });
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), where + "/" + i, problems);
            }
        }
    }

    private static JsonNode resolve(JsonNode schema) {
        Set<String> seen = new HashSet<>();
        while (schema.has("$ref") && seen.add(schema.get("$ref").asText())) {
            schema = document.at(schema.get("$ref").asText().substring(1));
        }
        return schema;
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> types = new HashSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        }
        type.forEach(t -> types.add(t.asText()));
        return types;
    }

    private static String typeOf(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        return value.isBoolean() ? "boolean" : "null";
    }
}
