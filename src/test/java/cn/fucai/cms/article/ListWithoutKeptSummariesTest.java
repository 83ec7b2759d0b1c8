package cn.fucai.cms.article;

import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.translation;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.support.ServerTiming;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With no MiB for kept summaries ({@code CMS_ARTICLES_KEPT_SUMMARIES_MIB=0}) a list page is read whole in one
 * statement, and the translations it is served in in one more, and shows what the page kept summaries for would.
 */
@QuarkusTest
@TestProfile(ListWithoutKeptSummariesTest.NothingKept.class)
class ListWithoutKeptSummariesTest {

    public static class NothingKept implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cms.articles.kept-summaries-mib", "0");
        }
    }

    @Test
    void aPageIsOneStatementWithItsTranslationsAndTheSameEveryTime() {
        String publisher = createPublisher();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = article(publisher, "whole-" + i);
            body.put("title", "整页读取 " + i);
            body.put("publishedAt", "2021-0" + (i + 1) + "-01T08:00:00+08:00");
            if (i != 1) {
                body.put("translations", List.of(translation("en", "Read whole " + i)));
            }
            createArticleId(body);
        }
        String list = "/api/v1/articles?publisher=" + publisher;
        for (int round = 0; round < 2; round++) {
            Response chinese = given().get(list);
            assertEquals(List.of("整页读取 2", "整页读取 1", "整页读取 0"), chinese.path("items.title"));
            assertEquals(2, ServerTiming.statements(chinese), "the publisher, then the page");
            Response english = given().header("Accept-Language", "en").get(list);
            assertEquals(List.of("Read whole 2", "整页读取 1", "Read whole 0"), english.path("items.title"));
            assertEquals(List.of("en", "zh-CN", "en"), english.path("items.locale"));
            assertEquals(List.of("summary in en", "筹集公益金5亿多元", "summary in en"), english.path("items.summary"));
            assertEquals(
                    3, ServerTiming.statements(english), "the publisher, the page, the translations it is served in");
        }
    }
}
