package cn.fucai.cms.figure;

import static cn.fucai.cms.figure.FigureFixtures.amount;
import static cn.fucai.cms.figure.FigureFixtures.fund;
import static cn.fucai.cms.figure.FigureFixtures.period;
import static cn.fucai.cms.figure.FigureFixtures.sales;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.uuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FigureResourceTest {

    @Inject
    AgroalDataSource db;

    @Test
    void fundFigureIsStoredInExactYuanBesideTheFigureAsPrinted() {
        String publisher = createPublisher();
        Map<String, Object> body = fund(publisher, "330300", "used", "743.9", "万元");
        @SuppressWarnings("unchecked")
        Map<String, Object> fundPart = (Map<String, Object>) body.get("fund");
        fundPart.put("projectCount", 48);
        fundPart.put("beneficiaryCount", 3263);
        fundPart.put("governmentLevel", "municipal_county");
        fundPart.put("purpose", Map.of("code", "elderly-welfare", "label", "老年人福利类"));
        fundPart.put("amountPerBeneficiary", amount("8000", "元"));
        Response created = json().body(body).post("/api/v1/fund-figures");
        created.then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("kind", equalTo("fund"))
                .body("amount.amount", equalTo("7439000.00"))
                .body("amount.currency", equalTo("CNY"))
                .body("printed.value", equalTo("743.9"))
                .body("printed.unit", equalTo("万元"))
                .body("qualifier", equalTo("exact"))
                .body("period.label", equalTo("2019"))
                .body("fund.flow", equalTo("used"))
                .body("fund.projectCount", equalTo(48))
                .body("fund.purpose.label", equalTo("老年人福利类"))
                .body("fund.amountPerBeneficiary.amount", equalTo("8000.00"))
                .body("source.quote", equalTo("温州市福利彩票今年销量再破20亿"))
                .body("revision", equalTo(1))
                .body("retracted", equalTo(false));
        String id = created.path("id");
        assertEquals(
                List.of("7439000.00"),
                TestData.column(db, "select amount::text from figure_revision where figure_id = ?", uuid(id)));
        assertTrue(
                created.header("Location").startsWith("https://cms.test.example/api/v1/fund-figures/"),
                created.header("Location"));
        given().get(URI.create(created.header("Location")).getPath())
                .then()
                .statusCode(200)
                .body("amount.amount", equalTo("7439000.00"))
                .header("ETag", "\"1\"");
    }

    @Test
    void overQualifierKeepsFiveHundredMillionPlusAsALowerBound() {
        String publisher = createPublisher();
        Map<String, Object> body = fund(publisher, "330300", "raised", "5", "亿元");
        body.put("qualifier", "over");
        body.put("period", period("2019-01-01", "2019-12-30", "YEAR_TO_DATE"));
        json().body(body)
                .post("/api/v1/fund-figures")
                .then()
                .statusCode(201)
                .body("amount.amount", equalTo("500000000.00"))
                .body("qualifier", equalTo("over"))
                .body("period.label", equalTo("2019-01-01/2019-12-30"));
        given().get("/api/v1/fund-figures/summary?groupBy=year&flow=raised&publisher=" + publisher)
                .then()
                .statusCode(200)
                .body("items[0].total.amount", equalTo("500000000.00"))
                .body("items[0].qualifier", equalTo("over"))
                .body("items[0].partial", equalTo(true));
    }

    @Test
    void badMoneyIs400NamingTheFieldAndNothingIsWritten() {
        String publisher = createPublisher();
        String url = "/api/v1/sales-figures";
        expectViolation(url, sales(publisher, "330300", "1.23456789012", "亿元"), "amount.value", "10 after");
        expectViolation(url, sales(publisher, "330300", "0.001", "元"), "amount.value", "more decimals");
        expectViolation(url, sales(publisher, "330300", "-5", "万元"), "amount.value", "negative");
        expectViolation(url, sales(publisher, "330300", "5", "千元"), "amount.unit", "元, 万元, 亿元");
        Map<String, Object> dollars = sales(publisher, "330300", "5", "万元");
        dollars.put("amount", Map.of("value", "5", "unit", "万元", "currency", "USD"));
        expectViolation(url, dollars, "amount.currency", "CNY");
        Map<String, Object> notANumber = sales(publisher, "330300", "五", "万元");
        json().body(notANumber).post(url).then().statusCode(400).body("violations[0].field", equalTo("amount.value"));
        Map<String, Object> noAmount = sales(publisher, "330300", "5", "万元");
        noAmount.remove("amount");
        expectViolation(url, noAmount, "amount", "required");
        assertEquals(
                0,
                count(
                        db,
                        "select count(*) from figure f join publisher p on p.id = f.publisher_id where p.slug = ?",
                        publisher));
    }

    @Test
    void kindPeriodAndSourceRulesAre400NamingTheFieldAndNothingIsWritten() {
        String publisher = createPublisher();
        expectViolation("/api/v1/fund-figures", sales(publisher, "330300", "5", "万元"), "fund", "required");
        expectViolation(
                "/api/v1/sales-figures", fund(publisher, "330300", "used", "5", "万元"), "fund", "fund figures only");
        Map<String, Object> badYear = sales(publisher, "330300", "5", "万元");
        badYear.put("period", period("2019-02-01", "2019-12-31", "YEAR"));
        expectViolation("/api/v1/sales-figures", badYear, "period", "1 January");
        Map<String, Object> backwards = sales(publisher, "330300", "5", "万元");
        backwards.put("period", period("2019-12-31", "2019-01-01", "CUSTOM"));
        expectViolation("/api/v1/sales-figures", backwards, "period.end", "before");
        Map<String, Object> badQuarter = sales(publisher, "330300", "5", "万元");
        badQuarter.put("period", period("2019-02-01", "2019-04-30", "QUARTER"));
        expectViolation("/api/v1/sales-figures", badQuarter, "period", "QUARTER");
        Map<String, Object> unsourced = sales(publisher, "330300", "5", "万元");
        unsourced.put("source", Map.of("quote", "无出处"));
        expectViolation("/api/v1/sales-figures", unsourced, "source", "articleId, a url");
        Map<String, Object> missingArticle = sales(publisher, "330300", "5", "万元");
        missingArticle.put("source", Map.of("articleId", "01890000-0000-7000-8000-000000000000"));
        expectViolation("/api/v1/sales-figures", missingArticle, "source.articleId", "no article");
        expectViolation("/api/v1/sales-figures", sales(publisher, "339999", "5", "万元"), "regionCode", "unknown region");
        Map<String, Object> indicatorWithAmount = sales(publisher, "330300", "5", "万元");
        indicatorWithAmount.put("indicator", Map.of("metric", "投注站数量", "value", "1275", "unit", "家"));
        expectViolation("/api/v1/indicator-figures", indicatorWithAmount, "amount", "indicator");
        assertEquals(
                0,
                count(
                        db,
                        "select count(*) from figure f join publisher p on p.id = f.publisher_id where p.slug = ?",
                        publisher));
    }

    @Test
    void indicatorFigureHoldsAMetricValueAndUnit() {
        String publisher = createPublisher();
        Map<String, Object> body = sales(publisher, "330300", "0", "元");
        body.remove("amount");
        body.put("period", period("2019-12-31", "2019-12-31", "CUSTOM"));
        body.put("indicator", Map.of("metric", "投注站数量", "value", "1275", "unit", "家"));
        json().body(body)
                .post("/api/v1/indicator-figures")
                .then()
                .statusCode(201)
                .body("indicator.metric", equalTo("投注站数量"))
                .body("indicator.value", equalTo("1275"))
                .body("indicator.unit", equalTo("家"))
                .body("amount", nullValue());
        given().get("/api/v1/indicator-figures?publisher=" + publisher).then().body("items", hasSize(1));
        // indicators do not add up, so they have no summary: the path is read as a figure id
        given().get("/api/v1/indicator-figures/summary?groupBy=year")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("id"));
    }

    @Test
    void listFiltersByRegionWithSubRegionsPeriodAndTypeAndPagesByKeyset() {
        String publisher = createPublisher();
        for (int month = 1; month <= 12; month++) {
            Map<String, Object> body =
                    sales(publisher, month % 2 == 0 ? "330302" : "410100", Integer.toString(month), "万元");
            String start = String.format("2019-%02d-01", month);
            body.put(
                    "period",
                    period(
                            start,
                            YearMonth.parse(start.substring(0, 7))
                                    .atEndOfMonth()
                                    .toString(),
                            "MONTH"));
            body.put("lotteryType", month <= 6 ? "welfare" : "sports");
            json().body(body).post("/api/v1/sales-figures").then().statusCode(201);
        }
        String p = "/api/v1/sales-figures?publisher=" + publisher;
        assertEquals(6, TestData.allPages(p + "&region=330000&limit=4", "id").size());
        assertEquals(6, TestData.allPages(p + "&region=330300", "id").size());
        assertEquals(
                3,
                TestData.allPages(p + "&periodFrom=2019-10-01&periodTo=2019-12-31", "id")
                        .size());
        assertEquals(6, TestData.allPages(p + "&lotteryType=sports", "id").size());
        List<String> labels = TestData.allPages(p + "&limit=5", "period.label");
        assertEquals(12, labels.size());
        assertEquals("2019-12", labels.get(0));
        assertEquals("2019-01", labels.get(11));
        given().get(p + "&flow=used").then().statusCode(400).body("violations[0].field", equalTo("flow"));
        given().get(p + "&region=339999").then().statusCode(400).body("violations[0].field", equalTo("region"));
        given().get(p + "&periodFrom=2019-13-01")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("periodFrom"));
        given().get(p + "&sort=amount").then().statusCode(400).body("violations[0].field", equalTo("sort"));
        given().get(p + "&lotteryType=lotto")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("lotteryType"));
        given().get("/api/v1/sales-figures/not-a-uuid")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("id"));
        given().get("/api/v1/sales-figures/01890000-0000-7000-8000-000000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    /** A fund figure of 2019 in Wenzhou, used for this purpose, quoting this; its id. */
    private static String createUsedFigure(String publisher, String wan, String purpose, String label, String quote) {
        Map<String, Object> figure = fund(publisher, "330300", "used", wan, "万元");
        ((Map<String, Object>) figure.get("fund")).put("purpose", Map.of("code", purpose, "label", label));
        figure.put("source", Map.of("url", "https://www.example.org/wenzhou/2019", "quote", quote));
        return json().body(figure)
                .post("/api/v1/fund-figures")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void figuresAreFoundByTheWordsOfTheirPurposeAndQuoteInListsAndExports() {
        String publisher = createPublisher();
        String studyId = createUsedFigure(publisher, "120", "student-aid", "助学类", "资助大学新生300名");
        String elderlyId = createUsedFigure(publisher, "80", "elderly-welfare", "老年人福利类", "支持敬老院改造");

        String p = "/api/v1/fund-figures?publisher=" + publisher + "&q=";
        assertEquals(List.of(studyId), TestData.allPages(p + "助学", "id"));
        assertEquals(List.of(studyId), TestData.allPages(p + "大学新生", "id"));
        assertEquals(List.of(elderlyId), TestData.allPages(p + "敬老院", "id"));
        assertEquals(List.of(), TestData.allPages(p + "助学 敬老院", "id"), "every word must match");
        assertEquals(List.of(), TestData.allPages(p + "英语", "id"));
        assertEquals(List.of(elderlyId), TestData.allPages(p + "院", "id"), "one character, at the end of 敬老院");
        assertEquals(List.of(studyId), TestData.allPages(p + "学", "id"), "one character, inside 大学新生");
        String disabledId = createUsedFigure(publisher, "60", "disability-aid", "助残类", "福利彩票公益金支持市残疾人联合会");
        assertEquals(List.of(disabledId), TestData.allPages(p + "福彩", "id"), "an abbreviation finds its full form");
        assertEquals(List.of(disabledId), TestData.allPages(p + "市残联", "id"));
        String csv = given().accept("text/csv")
                .get(p + "助学")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(2, csv.strip().split("\n").length, "a header and one figure: " + csv);
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("资助大学新生300名"), csv);
        given().get(p + "!!!")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("q"));
    }

    @Test
    void aFigureOfOneKindIsNotFoundUnderAnother() {
        String publisher = createPublisher();
        String id = json().body(sales(publisher, "330300", "20", "亿元"))
                .post("/api/v1/sales-figures")
                .path("id");
        given().get("/api/v1/fund-figures/" + id).then().statusCode(404);
        given().get("/api/v1/sales-figures/" + id)
                .then()
                .statusCode(200)
                .body("amount.amount", equalTo("2000000000.00"));
    }

    private static void expectViolation(String url, Map<String, Object> body, String field, String message) {
        json().body(body)
                .post(url)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems(field))
                .body("violations.find { it.field == '" + field + "' }.message", containsString(message));
    }
}
