package cn.fucai.cms.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.support.People;
import cn.fucai.cms.support.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The two sample articles, loaded as the run command loads them (tests load them only here, on purpose). */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoContentTest {

    @Inject
    DemoContent demo;

    @Inject
    AgroalDataSource db;

    @Test
    void sampleArticlesAreServedWithTheirPublishersCategoriesDatesAndTranslations() throws Exception {
        loadAsAtStartUp();
        loadAsAtStartUp();
        assertEquals(
                1,
                TestData.count(db, "select count(*) from publisher where slug = 'wenzhou-fucai'"),
                "loading twice adds nothing");

        String henan = "/api/v1/publishers/henan-fucai/articles/2021-national-welfare-lottery-sales-conference-jiaxing";
        given().get(henan)
                .then()
                .statusCode(200)
                .body("publisher.name", equalTo("河南省福利彩票发行中心"))
                .body("locale", equalTo("zh-CN"))
                .body("title", equalTo("2021年全国福利彩票发行销售工作会议在浙江嘉兴召开"))
                .body("availableLocales", contains("zh-CN", "en"))
                .body("category", equalTo("本地新闻"))
                .body("publishedAt", equalTo("2021-04-01T16:00:00Z"))
                .body("regionCodes", contains("330400"))
                .body("sourceName", containsString("河南福彩网"));
        given().get(henan + "?locale=en")
                .then()
                .statusCode(200)
                .body("locale", equalTo("en"))
                .body("body", containsString("Jiaxing City, Zhejiang Province from March 30-31"))
                .body("body", containsString("China Welfare Lottery Issuance Management Center"));

        given().get("/api/v1/publishers/wenzhou-fucai/articles/2019-wenzhou-fucai-review")
                .then()
                .statusCode(200)
                .body("publisher.name", equalTo("温州市福利彩票发行中心"))
                .body("title", equalTo("党建引领温州福彩高质量发展:销量再破20亿,筹集公益金5亿多元"))
                .body("publishedAt", equalTo("2020-01-06T03:49:00Z"))
                .body("body", containsString("全年投入福彩公益金743.9万元"))
                .body("body", containsString("全市共发展投注站达1275家"))
                .body("sourceName", containsString("宝宝计划软件园"))
                .body("regionCodes", contains("330300"));

        String zhejiangId = given().get("/api/v1/publishers/zhejiang-fucai").path("id");
        given().get("/api/v1/publishers/wenzhou-fucai")
                .then()
                .body("parentId", equalTo(zhejiangId))
                .body("level", equalTo("municipal"));
        given().get("/api/v1/publishers/china-fucai")
                .then()
                .body("parentId", nullValue())
                .body("regionCode", equalTo("000000"));
        given().get("/api/v1/articles?region=330000&publisher=wenzhou-fucai")
                .then()
                .body("items.slug", contains("2019-wenzhou-fucai-review"));
    }

    @Test
    void figuresOfTheWenzhouArticleAreSeededAndLinkedToIt() throws Exception {
        loadAsAtStartUp();
        String articleId = given().get("/api/v1/publishers/wenzhou-fucai/articles/2019-wenzhou-fucai-review")
                .path("id");
        given().get("/api/v1/sales-figures?publisher=wenzhou-fucai")
                .then()
                .body("items", hasSize(1))
                .body("items[0].amount.amount", equalTo("2000000000.00"))
                .body("items[0].printed.value", equalTo("20"))
                .body("items[0].printed.unit", equalTo("亿元"))
                .body("items[0].qualifier", equalTo("over"))
                .body("items[0].period.granularity", equalTo("YEAR_TO_DATE"))
                .body("items[0].period.end", equalTo("2019-12-30"))
                .body("items[0].source.articleId", equalTo(articleId));
        given().get("/api/v1/fund-figures?publisher=wenzhou-fucai&flow=raised")
                .then()
                .body("items[0].amount.amount", equalTo("500000000.00"))
                .body("items[0].qualifier", equalTo("over"));
        given().get("/api/v1/fund-figures/summary?groupBy=year&flow=used&publisher=wenzhou-fucai&region=330300")
                .then()
                .body("items[0].total.amount", equalTo("7439000.00"))
                .body("items[0].qualifier", equalTo("exact"));
        given().get("/api/v1/fund-figures?publisher=wenzhou-fucai&purpose=student-aid")
                .then()
                .body("items[0].fund.beneficiaryCount", equalTo(300))
                .body("items[0].fund.amountPerBeneficiary.amount", equalTo("8000.00"))
                .body("items[0].amount.amount", equalTo("2400000.00"));
        given().get("/api/v1/indicator-figures?publisher=wenzhou-fucai")
                .then()
                .body("items.indicator.metric", hasItems("投注站数量", "省级星级站点", "综合服务站用房购置投入"))
                .body("items.find { it.indicator.metric == '投注站数量' }.indicator.value", equalTo("1275"))
                .body("items.source.articleId", everyItem(equalTo(articleId)));
    }

    /** The loader runs at start-up, outside any request, as the service itself: a plain thread has no request context. */
    @Test
    void theDemoHasAnAdminAnEditorAndAReviewerWhoSignInWithTheRunsPassword() throws Exception {
        loadAsAtStartUp();
        String password = "演示密码-" + TestData.uniqueSlug("demo");
        for (int run = 0; run < 2; run++) {
            CompletableFuture.runAsync(() -> demo.createAccounts(password), Executors.newSingleThreadExecutor())
                    .get();
        }
        assertEquals(3, TestData.count(db, "select count(*) from account where login like 'demo-%'"));
        People.signInResponse("demo-editor", password)
                .then()
                .statusCode(201)
                .body("account.role", equalTo("editor"))
                .body(
                        "account.publisherId",
                        equalTo(TestData.column(db, "select id::text from publisher where slug = 'wenzhou-fucai'")
                                .get(0)));
        People.signInResponse("demo-reviewer", password)
                .then()
                .statusCode(201)
                .body("account.role", equalTo("reviewer"));
        People.signInResponse("demo-admin", password).then().statusCode(201).body("account.role", equalTo("admin"));
    }

    /**
     * A demo article someone deleted stays deleted, and its figures are not made again: the loader skips them (it
     * stopped the service from starting at all, on the 410 of the figures' source). Last, as it deletes the article
     * the others read.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aDeletedDemoArticleStaysDeletedAndTheServiceStillStarts() throws Exception {
        loadAsAtStartUp();
        String review = "/api/v1/publishers/wenzhou-fucai/articles/2019-wenzhou-fucai-review";
        String id = given().get(review).then().statusCode(200).extract().path("id");
        long figures = TestData.count(db, "select count(*) from figure");
        TestData.admin()
                .header("If-Match", "*")
                .delete("/api/v1/articles/" + id)
                .then()
                .statusCode(204);

        loadAsAtStartUp();

        given().get(review).then().statusCode(410);
        assertEquals(figures, TestData.count(db, "select count(*) from figure"), "no figure made again");
    }

    private void loadAsAtStartUp() throws Exception {
        CompletableFuture.runAsync(demo::load, Executors.newSingleThreadExecutor())
                .get();
    }
}
