package cn.fucai.cms.common.health;

import static cn.fucai.cms.support.TestData.await;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.execute;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.fucai.cms.support.TcpProxy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Liveness and readiness, with the database really cut off: the service reaches PostgreSQL through a TCP relay that
 * the test takes down (every connection dropped, new ones refused) and brings back.
 */
@QuarkusTest
@TestProfile(HealthTest.ThroughARelay.class)
class HealthTest {

    /** How long a change may take to show. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    /** The management interface, where health lives (quarkus.management.*), apart from the API's port. */
    @TestHTTPResource(value = "/", management = true)
    URL managementUrl;

    /** Started by the profile, before the service; the profile and the test share this class. */
    private static volatile TcpProxy relay;

    /**
     * The datasource, and the change listener with it, connect through a relay to the test database; no replica (the
     * service's default), so that anonymous reads by id share statements as they do in a service by default.
     */
    public static class ThroughARelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            relay = TcpProxy.toTestDatabase();
            return Map.of(
                    "quarkus.datasource.jdbc.url",
                    relay.jdbcUrl(),
                    "quarkus.datasource.jdbc.acquisition-timeout",
                    "2S",
                    "quarkus.datasource.replica.active",
                    "false");
        }
    }

    @Test
    void readinessFollowsTheDatabaseDownAndBackWhileLivenessStaysUp() {
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        management()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database schema"))
                .body("checks.find { it.name == 'database schema' }.data.pending", equalTo(0));
        try {
            relay.setUp(false);
            await(() -> management().get("/q/health/ready").statusCode() == 503, "readiness goes down", PATIENCE);
            management().get("/q/health/ready").then().body("status", equalTo("DOWN"));
            management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
            given().header("Cache-Control", "no-cache")
                    .get("/api/v1/publishers")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("type", equalTo("/problems/service-unavailable"));
            // a publisher named by slug is looked up while the query parameters convert, which JAX-RS turns into 404
            // when it fails: the database's failure must decide
            given().header("Cache-Control", "no-cache")
                    .get("/api/v1/articles?publisher=wenzhou-fucai")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("detail", equalTo("the database cannot be reached; try again shortly"));
            // an anonymous read by id, and its revalidation, wait for a shared statement without a thread: the
            // statement's failure reaches them as the same 503
            for (String ifNoneMatch : new String[] {null, "\"0.0\""}) {
                RequestSpecification read = given().header("Cache-Control", "no-cache");
                if (ifNoneMatch != null) {
                    read.header("If-None-Match", ifNoneMatch);
                }
                read.get("/api/v1/articles/" + UUID.randomUUID())
                        .then()
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", "5")
                        .body("type", equalTo("/problems/service-unavailable"))
                        .body("detail", equalTo("the database cannot be reached; try again shortly"));
            }
        } finally {
            relay.setUp(true);
        }
        await(
                () -> management().get("/q/health/ready").statusCode() == 200,
                "readiness comes back by itself",
                PATIENCE);
        await(
                () -> given().header("Cache-Control", "no-cache")
                                .get("/api/v1/publishers")
                                .statusCode()
                        == 200,
                "reads come back",
                PATIENCE);
    }

    @Test
    void readinessIsDownWhileAMigrationOfThisBuildIsMissingFromTheDatabase() {
        String latest = column(
                        dataSource,
                        "select max(version::int)::text from flyway_schema_history where version is not null")
                .get(0);
        execute(
                dataSource,
                "create table if not exists health_test_history as select * from flyway_schema_history where false");
        try {
            column(dataSource, """
                    with gone as (delete from flyway_schema_history where version = ? returning *)
                    insert into health_test_history select * from gone returning 1""", latest);
            management()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'database schema' }.data.pending", equalTo(1))
                    .body("checks.find { it.name == 'database schema' }.data.next", equalTo(latest));
        } finally {
            column(dataSource, """
                    with back as (delete from health_test_history returning *)
                    insert into flyway_schema_history select * from back returning 1""");
        }
        management().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortNotTheApis() {
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        management().accept("text/plain").get("/q/metrics").then().statusCode(200);
        for (String path : List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/metrics")) {
            given().get(path).then().statusCode(404).contentType("application/problem+json");
        }
        given().get("/q/openapi").then().statusCode(200);
    }

    private RequestSpecification management() {
        return given().baseUri("http://" + managementUrl.getHost()).port(managementUrl.getPort());
    }
}
