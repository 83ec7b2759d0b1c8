package cn.fucai.cms.bench;

import static cn.fucai.cms.support.TestData.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.common.cache.ResponseCache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's constant is computed on every request, even with the response cache on, and is not in the API. */
@QuarkusTest
@TestProfile(BenchConstantTest.ConstantOn.class)
class BenchConstantTest {

    public static class ConstantOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cms.bench.constant", "true", "cms.response-cache.enabled", "true");
        }
    }

    private static final String HIT = "cache;desc=\"hit\"";

    @Inject
    ResponseCache cache;

    @Test
    void theConstantIsNeverServedFromTheCacheThatServesTheIndex() {
        await(cache::active, "the response cache's change listener is connected", Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            Response constant = given().get("/api/v1/bench/constant");
            constant.then()
                    .statusCode(200)
                    .body("answer", equalTo("the same answer every time, computed every time"))
                    .header("ETag", not(equalTo(null)));
            assertFalse(timings(constant).contains(HIT), timings(constant));
        }
        given().get("/api/v1").then().statusCode(200);
        assertTrue(timings(given().get("/api/v1")).contains(HIT), "the index is kept, so a miss above is no accident");
    }

    private static String timings(Response response) {
        return String.join(", ", response.headers().getValues("Server-Timing"));
    }

    @Test
    void theConstantIsNotInTheOpenApiDocument() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.keySet()", hasItem("/api/v1/articles"))
                .body("paths.keySet()", not(hasItem("/api/v1/bench/constant")));
    }
}
