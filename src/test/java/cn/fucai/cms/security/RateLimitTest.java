package cn.fucai.cms.security;

import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.common.http.Hashes;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Budgets per token and per client address (forwarded by a trusted proxy), with a service started under tiny limits. */
@QuarkusTest
@TestProfile(RateLimitTest.TinyLimits.class)
class RateLimitTest {

    /** Three writes and two expensive reads a minute; the test client's own address is a trusted proxy. */
    public static class TinyLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "cms.limits.writes-per-minute",
                    "3",
                    "cms.limits.expensive-reads-per-minute",
                    "2",
                    "quarkus.http.proxy.proxy-address-forwarding",
                    "true",
                    "quarkus.http.proxy.allow-x-forwarded",
                    "true",
                    "quarkus.http.proxy.allow-forwarded",
                    "true",
                    "quarkus.http.proxy.trusted-proxies",
                    "127.0.0.1,[::1]");
        }
    }

    private static final String SUMMARY = "/api/v1/sales-figures/summary?groupBy=year";

    @Inject
    AgroalDataSource db;

    /** Budgets are per clock minute: each test starts well inside one, so that the window does not turn over mid-test. */
    @BeforeEach
    void startWellInsideAMinute() throws InterruptedException {
        if (LocalTime.now().getSecond() > 45) {
            Thread.sleep((61 - LocalTime.now().getSecond()) * 1000L);
        }
    }

    @Test
    void aTokenOverItsBudgetGets429WithRetryAfterAndOtherClientsAreNotAffected() {
        String other = json().body(Map.of("name", "另一个编辑", "role", "sync"))
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .header("RateLimit-Remaining", "2")
                .extract()
                .path("secret");
        json().body(publisher(uniqueSlug("rl")))
                .post("/api/v1/publishers")
                .then()
                .statusCode(201)
                .header("RateLimit-Remaining", "1");
        json().body(publisher(uniqueSlug("rl")))
                .post("/api/v1/publishers")
                .then()
                .statusCode(201)
                .header("RateLimit-Limit", "3")
                .header("RateLimit-Remaining", "0")
                .header("RateLimit-Reset", notNullValue());
        String refused = uniqueSlug("rl");
        json().body(publisher(refused))
                .post("/api/v1/publishers")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/too-many-requests"))
                .header("Retry-After", notNullValue())
                .header("RateLimit-Remaining", "0");
        assertEquals(0, count(db, "select count(*) from publisher where slug = ?", refused));

        // another token has a budget of its own: its write is refused for its role, not for the rate
        given().header("Authorization", "Bearer " + other)
                .contentType(ContentType.JSON)
                .body(publisher(uniqueSlug("rl")))
                .post("/api/v1/publishers")
                .then()
                .statusCode(403);

        given().get(SUMMARY).then().statusCode(200).header("RateLimit-Remaining", "1");
        given().get(SUMMARY).then().statusCode(200).header("RateLimit-Remaining", "0");
        given().get(SUMMARY).then().statusCode(429).header("Retry-After", notNullValue());
        given().get("/api/v1/sales-figures?limit=1").then().statusCode(200);
    }

    @Test
    void everySpellingOfOneTokenSpendsTheSameBudget() {
        String secret = tokenOfItsOwn("sync");
        given().header("Authorization", "Bearer " + secret)
                .get(SUMMARY)
                .then()
                .statusCode(200)
                .header("RateLimit-Remaining", "1");
        given().header("Authorization", "bearer  " + secret)
                .get(SUMMARY)
                .then()
                .statusCode(200)
                .header("RateLimit-Remaining", "0");
        given().header("Authorization", "BEARER " + secret + " ")
                .get(SUMMARY)
                .then()
                .statusCode(429)
                .body("type", equalTo("/problems/too-many-requests"));
        given().header("Authorization", "BeArEr " + secret).get(SUMMARY).then().statusCode(429);
    }

    @Test
    void aBogusTokenGetsNoBudgetOfItsOwnOnlyA401() {
        String address = "203.0.113.41";
        from(address).get(SUMMARY).then().statusCode(200).header("RateLimit-Remaining", "1");
        from(address).get(SUMMARY).then().statusCode(200).header("RateLimit-Remaining", "0");
        for (int i = 0; i < 20; i++) {
            from(address)
                    .header("Authorization", "Bearer x" + i)
                    .get(SUMMARY)
                    .then()
                    .statusCode(401)
                    .body("type", equalTo("/problems/unauthorized"))
                    .header("RateLimit-Remaining", nullValue());
        }
        from(address).get(SUMMARY).then().statusCode(429);
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasABudgetOfItsOwnAndIsAuditedAsItself() {
        from("203.0.113.42").get(SUMMARY).then().statusCode(200).header("RateLimit-Remaining", "1");
        from("203.0.113.42").get(SUMMARY).then().statusCode(200).header("RateLimit-Remaining", "0");
        from("203.0.113.42").get(SUMMARY).then().statusCode(429);
        from("203.0.113.43").get(SUMMARY).then().statusCode(200).header("RateLimit-Remaining", "1");
        given().header("Forwarded", "for=198.51.100.44")
                .get(SUMMARY)
                .then()
                .statusCode(200)
                .header("RateLimit-Remaining", "1");

        String slug = uniqueSlug("proxied");
        given().header("Authorization", "Bearer " + tokenOfItsOwn("admin"))
                .contentType(ContentType.JSON)
                .body(publisher(slug))
                .header("X-Forwarded-For", "198.51.100.45")
                .post("/api/v1/publishers")
                .then()
                .statusCode(201);
        assertEquals(
                List.of("198.51.100.45"),
                column(
                        db,
                        "select client_address from audit_event where resource_type = 'publisher' and after_state->>'slug' = ?",
                        slug));
    }

    /** A token made with SQL, so that its making spends no one's write budget; its budgets are its own. */
    private String tokenOfItsOwn(String role) {
        String secret = "cms_" + UUID.randomUUID() + UUID.randomUUID();
        column(
                db,
                "insert into api_token (id, name, role, secret_hash, created_at) values (gen_random_uuid(), ?, ?, ?, now()) returning id",
                "限流测试 " + role,
                role,
                Hashes.sha256Hex(secret));
        return secret;
    }

    private static RequestSpecification from(String forwardedFor) {
        return given().header("X-Forwarded-For", forwardedFor);
    }
}
