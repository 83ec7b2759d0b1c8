package cn.fucai.cms.bench;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without CMS_BENCH_CONSTANT, as in production, the benchmark's constant does not exist. */
@QuarkusTest
class BenchConstantOffTest {

    @Test
    void theConstantIsA404ProblemUnlessTurnedOn() {
        given().get("/api/v1/bench/constant")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
