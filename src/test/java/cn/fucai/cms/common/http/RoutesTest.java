package cn.fucai.cms.common.http;

import static cn.fucai.cms.support.TestData.ADMIN_TOKEN;
import static cn.fucai.cms.support.TestData.await;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.figure.FigureFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What RESTEasy refuses before it has chosen a method (405, 406, 415) and OPTIONS are answered from the route table:
 * the methods a path really takes, the types it really serves and reads, and the route's template — never the path —
 * in the HTTP metrics, however many ids a caller makes up.
 */
@QuarkusTest
class RoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "application/problem+json";

    @Inject
    MeterRegistry metrics;

    @Inject
    DataSource dataSource;

    @Test
    void optionsListsTheMethodsOfEveryDocumentedPathAndNoOther() throws IOException {
        JsonNode document = JSON.readTree(Path.of("openapi/openapi.json").toFile());
        List<String> wrong = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            Set<String> expected = new TreeSet<>(Set.of("OPTIONS"));
            path.getValue().fieldNames().forEachRemaining(method -> expected.add(method.toUpperCase()));
            if (expected.contains("GET")) {
                expected.add("HEAD");
            }
            String url = path.getKey().replaceAll("\\{\\w+}", "x1");
            var answer = given().when().options(url);
            Set<String> allowed = Arrays.stream(
                            String.valueOf(answer.header("Allow")).split(", "))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (answer.statusCode() != 200 || !allowed.equals(expected)) {
                wrong.add("OPTIONS " + url + ": " + answer.statusCode() + " " + allowed + ", documented " + expected);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void optionsOfAPathNoRouteServesIs404() {
        given().when()
                .options("/api/v1/nothing-here")
                .then()
                .statusCode(404)
                .contentType(startsWith(PROBLEM))
                .header("Allow", equalTo(null));
    }

    @Test
    void aMethodThePathDoesNotTakeIs405WithTheMethodsItDoesInAllow() {
        String id = UUID.randomUUID().toString();
        given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .when()
                .patch("/api/v1/articles/" + id)
                .then()
                .statusCode(405)
                .contentType(startsWith(PROBLEM))
                .header("Allow", "GET, HEAD, PUT, DELETE, OPTIONS")
                .body("detail", equalTo("this resource takes GET, HEAD, PUT, DELETE, OPTIONS"));
        // a slash at the end, which RESTEasy ignores
        given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .when()
                .put("/api/v1/articles/")
                .then()
                .statusCode(405)
                .header("Allow", "GET, HEAD, POST, OPTIONS");
        given().when()
                .delete("/api/v1/fund-figures/summary")
                .then()
                .statusCode(405)
                .header("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void aRefusedAcceptNamesWhatTheResourceServes() {
        given().accept("application/json")
                .when()
                .get("/api/v1/feed.atom")
                .then()
                .statusCode(406)
                .contentType(startsWith(PROBLEM))
                .body("detail", equalTo("this resource serves application/atom+xml; adjust the Accept header"));
        given().accept("application/xml")
                .when()
                .get("/api/v1/fund-figures")
                .then()
                .statusCode(406)
                .body("detail", equalTo("this resource serves application/json or text/csv; adjust the Accept header"));
    }

    /** q=0 means "not acceptable" (RFC 9110): JSON was served to {@code Accept: application/json;q=0}. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "application/json;q=0           | /api/v1/articles?limit=1      | 406 | application/problem+json",
                "*/*;q=0                        | /api/v1/articles?limit=1      | 406 | application/problem+json",
                "application/json; Q=0.0, */*   | /api/v1/articles?limit=1      | 406 | application/problem+json",
                "text/csv;q=0                   | /api/v1/fund-figures?limit=1  | 406 | application/problem+json",
                "application/json;q=0, text/csv | /api/v1/fund-figures?limit=1  | 200 | text/csv",
                "text/csv;q=0, */*              | /api/v1/fund-figures?limit=1  | 200 | application/json",
                "application/json;q=0.5         | /api/v1/articles?limit=1      | 200 | application/json"
            })
    void aTypeTheAcceptRefusesWithQZeroIsNeverServed(String accept, String url, int status, String type) {
        Response answer = given().header("Accept", accept).when().get(url);
        answer.then().statusCode(status).contentType(startsWith(type));
        if (status == 406) {
            answer.then()
                    .body(
                            "detail",
                            equalTo("this resource serves application/json"
                                    + (url.contains("figures") ? " or text/csv" : "")
                                    + "; adjust the Accept header"));
            given().header("Accept", accept).when().head(url).then().statusCode(406);
        }
    }

    /** A blank Accept is no Accept; one that does not parse accepts nothing served. Each was a 500 on a figure. */
    @Test
    void aBlankAcceptIsAnyTypeAndAnUnparsableOneIs406() {
        String figure = json().body(FigureFixtures.fund(createPublisher(), "330300", "raised", "1.5", "亿元"))
                .post("/api/v1/fund-figures")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        for (String blank : List.of("", " ", "\t")) {
            for (String url : List.of("/api/v1/fund-figures/" + figure, "/api/v1/fund-figures?limit=1")) {
                given().header("Accept", blank)
                        .when()
                        .get(url)
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("application/json"));
            }
        }
        for (String unparsable : List.of("a/b/c", "text", ";;;")) {
            given().header("Accept", unparsable)
                    .when()
                    .get("/api/v1/fund-figures/" + figure)
                    .then()
                    .statusCode(406)
                    .contentType(startsWith(PROBLEM))
                    .body("detail", equalTo("this resource serves application/json; adjust the Accept header"));
        }
    }

    @Test
    void aRefusedBodyTypeNamesWhatTheResourceReadsAndWritesNothing() {
        long figures = count(dataSource, "select count(*) from figure");
        given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType("application/xml")
                .body("<figures/>")
                .when()
                .post("/api/v1/fund-figures/batch")
                .then()
                .statusCode(415)
                .contentType(startsWith(PROBLEM))
                .body("detail", equalTo("send the request body as application/json or text/csv"));
        assertEquals(figures, count(dataSource, "select count(*) from figure"));
    }

    @Test
    void refusalsAreCountedUnderTheirRouteNeverTheirPath() {
        int each = 40;
        double before406 = counted("/api/v1/publishers/{idOrSlug}/feed.atom", "406");
        double before415 = counted("/api/v1/articles/{id}/approval", "415");
        double before405 = counted("/api/v1/tokens/{id}", "405");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            String slug = "made-up-" + UUID.randomUUID();
            String id = UUID.randomUUID().toString();
            made.add(slug);
            made.add(id);
            given().accept("application/json").when().get("/api/v1/publishers/" + slug + "/feed.atom");
            given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .contentType("text/plain")
                    .body("x")
                    .when()
                    .post("/api/v1/articles/" + id + "/approval")
                    .then()
                    .statusCode(415);
            given().when().put("/api/v1/tokens/" + id).then().statusCode(405).contentType(startsWith(PROBLEM));
        }
        await(
                () -> counted("/api/v1/publishers/{idOrSlug}/feed.atom", "406") == before406 + each
                        && counted("/api/v1/articles/{id}/approval", "415") == before415 + each
                        && counted("/api/v1/tokens/{id}", "405") == before405 + each,
                "the refusals counted under their routes",
                Duration.ofSeconds(10));
        List<String> paths = metrics.find("http.server.requests").meters().stream()
                .map(meter -> meter.getId().getTag("uri"))
                .filter(uri -> made.stream().anyMatch(uri::contains))
                .toList();
        assertEquals(List.of(), paths);
        // routes and static files only: well within quarkus.micrometer.binder.http-server.max-uri-tags (200)
        Set<String> uris = metrics.find("http.server.requests").meters().stream()
                .map(meter -> meter.getId().getTag("uri"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(uris.size() < 150, uris::toString);
    }

    private double counted(String uri, String status) {
        return metrics.find("http.server.requests").tag("uri", uri).tag("status", status).meters().stream()
                .filter(Timer.class::isInstance)
                .map(Timer.class::cast)
                .mapToDouble(Timer::count)
                .sum();
    }
}
