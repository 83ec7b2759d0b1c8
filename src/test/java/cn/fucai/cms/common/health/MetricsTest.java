package cn.fucai.cms.common.health;

import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.metrics;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** What an operator scrapes from /q/metrics on the management port. */
@QuarkusTest
class MetricsTest {

    @TestHTTPResource(value = "/", management = true)
    URL managementUrl;

    @Test
    void requestsAreCountedByRouteTemplateBesideThePoolCacheOutboxAndFeed() {
        String id = createArticleId(article(createPublisher(), "measured"));
        given().get("/api/v1/articles/" + id).then().statusCode(200);
        given().get("/api/v1/articles/not-a-uuid").then().statusCode(400);

        String metrics = metrics(managementUrl);
        assertThat(
                metrics,
                containsString("http_server_requests_seconds_count{method=\"GET\",outcome"
                        + "=\"SUCCESS\",status=\"200\",uri=\"/api/v1/articles/{id}\""));
        assertThat(metrics, containsString("status=\"400\",uri=\"/api/v1/articles/{id}\""));
        assertThat(metrics, not(containsString(id)));
        for (String series : new String[] {
            "agroal_active_count{datasource=\"default\"",
            "cache_gets_total{cache=\"response\",result=\"hit\"",
            "cms_webhook_outbox_pending ",
            "cms_webhook_deliveries_failed ",
            "cms_webhook_attempts_total{outcome=\"failed\"",
            "cms_sync_feed_lag_seconds "
        }) {
            assertThat(metrics, containsString(series));
        }
    }
}
