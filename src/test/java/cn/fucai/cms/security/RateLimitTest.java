package cn.fucai.cms.security;

import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Budgets per token and per address, with a service started under tiny limits. */
@QuarkusTest
@TestProfile(RateLimitTest.TinyLimits.class)
class RateLimitTest {

    /** Three writes and two expensive reads a minute. */
    public static class TinyLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cms.limits.writes-per-minute", "3", "cms.limits.expensive-reads-per-minute", "2");
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    void aTokenOverItsBudgetGets429WithRetryAfterAndOtherClientsAreNotAffected() throws InterruptedException {
        // Budgets are per clock minute: start well inside one, so that the window does not turn over mid-test.
        if (LocalTime.now().getSecond() > 45) {
            Thread.sleep((61 - LocalTime.now().getSecond()) * 1000L);
        }
        String other = json().body(Map.of("name", "另一个编辑", "role", "sync")).post("/api/v1/tokens")
                .then().statusCode(201).header("RateLimit-Remaining", "2").extract().path("secret");
        json().body(publisher(uniqueSlug("rl"))).post("/api/v1/publishers").then().statusCode(201).header("RateLimit-Remaining", "1");
        json().body(publisher(uniqueSlug("rl"))).post("/api/v1/publishers").then().statusCode(201)
                .header("RateLimit-Limit", "3").header("RateLimit-Remaining", "0").header("RateLimit-Reset", notNullValue());
        String refused = uniqueSlug("rl");
        json().body(publisher(refused)).post("/api/v1/publishers").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/too-many-requests"))
                .header("Retry-After", notNullValue())
                .header("RateLimit-Remaining", "0");
        assertEquals(0, count(db, "select count(*) from publisher where slug = ?", refused));

        // another token has a budget of its own: its write is refused for its role, not for the rate
        given().header("Authorization", "Bearer " + other).contentType(ContentType.JSON).body(publisher(uniqueSlug("rl")))
                .post("/api/v1/publishers").then().statusCode(403);

        given().get("/api/v1/sales-figures/summary?groupBy=year").then().statusCode(200).header("RateLimit-Remaining", "1");
        given().get("/api/v1/sales-figures/summary?groupBy=year").then().statusCode(200).header("RateLimit-Remaining", "0");
        given().get("/api/v1/sales-figures/summary?groupBy=year").then().statusCode(429).header("Retry-After", notNullValue());
        given().get("/api/v1/sales-figures?limit=1").then().statusCode(200);
    }
}
