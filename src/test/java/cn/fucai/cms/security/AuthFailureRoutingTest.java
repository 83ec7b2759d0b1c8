package cn.fucai.cms.security;

import static cn.fucai.cms.support.TestData.metrics;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * Authentication failures fail the routing context as Quarkus REST's own handler does, put in place before its filter,
 * so that the filter does not build a request mapper per request; the failures are answered and counted as before.
 */
@QuarkusTest
class AuthFailureRoutingTest {

    @TestHTTPResource(value = "/", management = true)
    URL managementUrl;

    @Test
    void everyRequestCarriesTheRoutingFailureHandlerBeforeQuarkusRestsFilter() {
        // were Quarkus REST's filter to run first, the request would carry its FailingDefaultAuthFailureHandler
        for (String path : new String[] {"/api/v1", "/api/v1/articles?limit=1", "/api/v1/tokens", "/api/v1/nowhere"}) {
            given().header(AuthFailureProbe.ASK, "1")
                    .get(path)
                    .then()
                    .header(AuthFailureProbe.TOLD, equalTo("routing"));
        }
    }

    @Test
    void failedAuthenticationIsStillAProblemCountedUnderItsRouteTemplate() {
        given().header("Authorization", "Bearer not-a-token-of-ours-0123456789")
                .get("/api/v1/tokens")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .header("WWW-Authenticate", containsString("Bearer"));
        given().get("/api/v1/tokens")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));

        assertThat(metrics(managementUrl), containsString("status=\"401\",uri=\"/api/v1/tokens\""));
    }
}
