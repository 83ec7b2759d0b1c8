package cn.fucai.cms.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Errors the framework raises on its own come in the same problem+json format as the API's own. */
@QuarkusTest
class ProblemResponseTest {

    @Test
    void unknownPathIsAProblem404() {
        given().get("/api/v1/lotteries")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"))
                .body("instance", equalTo("/api/v1/lotteries"));
    }

    @Test
    void unsupportedMethodIsAProblem405() {
        given().patch("/api/v1/regions")
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405));
    }

    @Test
    void unacceptableMediaTypeIsAProblem406() {
        given().accept("application/xml")
                .get("/api/v1/regions")
                .then()
                .statusCode(406)
                .contentType("application/problem+json")
                .body("detail", not(containsString("Exception")));
    }
}
