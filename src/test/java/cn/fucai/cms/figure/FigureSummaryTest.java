package cn.fucai.cms.figure;

import static cn.fucai.cms.figure.FigureFixtures.fund;
import static cn.fucai.cms.figure.FigureFixtures.period;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Totals never count a yuan twice. Each test summarises its own publisher's figures only, so that other data stays out. */
@QuarkusTest
class FigureSummaryTest {

    @Test
    void aProvincesOwnFigureWinsOverTheSumOfItsCities() {
        String publisher = createPublisher();
        String province = sales(publisher, "330000", "100", "亿元", 2001);
        String hangzhou = sales(publisher, "330100", "50", "亿元", 2001);
        String wenzhou = sales(publisher, "330300", "20", "亿元", 2001);
        String query = "/api/v1/sales-figures/summary?publisher=" + publisher
                + "&periodFrom=2001-01-01&periodTo=2001-12-31&groupBy=";

        given().get(query + "year&region=330000")
                .then()
                .statusCode(200)
                .body("region", equalTo("330000"))
                .body("items", hasSize(1))
                .body("items[0].key", equalTo("2001"))
                .body("items[0].total.amount", equalTo("10000000000.00"))
                .body("items[0].basis", equalTo("own"))
                .body("items[0].figureIds", contains(province));
        given().get(query + "year")
                .then()
                .body("region", equalTo("000000"))
                .body("items[0].total.amount", equalTo("10000000000.00"))
                .body("items[0].basis", equalTo("children"))
                .body("items[0].figureIds", contains(province));
        given().get(query + "region&region=330000")
                .then()
                .body("items.key", contains("330100", "330300"))
                .body("items[0].figureIds", contains(hangzhou))
                .body("items[1].total.amount", equalTo("2000000000.00"))
                .body("items[1].figureIds", contains(wenzhou));
    }

    @Test
    void aRegionWithoutItsOwnFigureIsSummedFromItsSubRegions() {
        String publisher = createPublisher();
        String hangzhou = sales(publisher, "330100", "50", "亿元", 2002);
        String lucheng = sales(publisher, "330302", "20.5", "亿元", 2002);
        given().get("/api/v1/sales-figures/summary?groupBy=year&region=330000&publisher=" + publisher)
                .then()
                .body("items[0].total.amount", equalTo("7050000000.00"))
                .body("items[0].basis", equalTo("children"))
                .body("items[0].figureIds", containsInAnyOrder(hangzhou, lucheng));
    }

    @Test
    void aTotalBeatsItsBreakdownAndABreakdownAddsUpWithoutOne() {
        String publisher = createPublisher();
        String total = fundFigure(publisher, "330300", "743.9", 2003, null);
        String studentAid = fundFigure(publisher, "330300", "240", 2003, "student-aid");
        fundFigure(publisher, "330100", "100", 2003, "elderly-welfare");
        fundFigure(publisher, "330100", "50", 2003, "student-aid");
        String query = "/api/v1/fund-figures/summary?flow=used&publisher=" + publisher;
        given().get(query + "&groupBy=year&region=330300")
                .then()
                .body("items[0].total.amount", equalTo("7439000.00"))
                .body("items[0].figureIds", contains(total));
        given().get(query + "&groupBy=year&region=330100").then().body("items[0].total.amount", equalTo("1500000.00"));
        given().get(query + "&groupBy=purpose&region=330000")
                .then()
                .body("items.key", contains("elderly-welfare", "student-aid"))
                .body("items[1].total.amount", equalTo("2900000.00"))
                .body("items[1].basis", equalTo("children"));
        given().get(query + "&groupBy=purpose&region=330300").then().body("items[0].figureIds", contains(studentAid));
    }

    @Test
    void aYearFigureBeatsItsQuartersAndQuartersAddUpToAYear() {
        String publisher = createPublisher();
        sales(publisher, "330300", "100", "万元", 2005);
        for (int q = 0; q < 4; q++) {
            quarter(publisher, 2005, q, q == 3 ? "30" : "20");
            quarter(publisher, 2004, q, "10");
        }
        quarter(publisher, 2006, 0, "7");
        String query = "/api/v1/sales-figures/summary?region=330300&publisher=" + publisher + "&groupBy=";
        given().get(query + "year")
                .then()
                .body("items.key", contains("2004", "2005", "2006"))
                .body("items.total.amount", contains("400000.00", "1000000.00", "70000.00"))
                .body("items.partial", contains(false, false, true))
                .body("items[1].yearOnYear.previousKey", equalTo("2004"))
                .body("items[1].yearOnYear.change", equalTo("600000.00"))
                .body("items[1].yearOnYear.changePercent", equalTo("150.00"))
                .body("items[1].yearOnYear.qualifier", equalTo("exact"))
                .body("items[2].yearOnYear.change", equalTo("-930000.00"))
                .body("items[2].yearOnYear.qualifier", equalTo("about"))
                .body("items[0].yearOnYear", nullValue());
        given().get(
                        "/api/v1/sales-figures/summary?region=330300&periodFrom=2005-01-01&periodTo=2005-12-31&groupBy=quarter&publisher="
                                + publisher)
                .then()
                .body("items.key", contains("2005-Q1", "2005-Q2", "2005-Q3", "2005-Q4"))
                .body("items[3].total.amount", equalTo("300000.00"))
                .body("items[0].yearOnYear.previous.amount", equalTo("100000.00"));
    }

    @Test
    void theSameFigureEnteredTwiceCountsOnceAndAllBeatsWelfarePlusSports() {
        String centre = createPublisher();
        sales(centre, "330300", "20", "亿元", 2007);
        String later = sales(centre, "330300", "20", "亿元", 2007);
        given().get("/api/v1/sales-figures/summary?groupBy=year&region=330300&publisher=" + centre)
                .then()
                .body("items[0].total.amount", equalTo("2000000000.00"))
                .body("items[0].figureIds", contains(later));

        Map<String, Object> welfare = salesBody(centre, "330300", "60", "亿元", 2008);
        Map<String, Object> sports = salesBody(centre, "330300", "40", "亿元", 2008);
        sports.put("lotteryType", "sports");
        json().body(welfare).post("/api/v1/sales-figures").then().statusCode(201);
        json().body(sports).post("/api/v1/sales-figures").then().statusCode(201);
        String query =
                "/api/v1/sales-figures/summary?groupBy=year&region=330300&periodFrom=2008-01-01&periodTo=2008-12-31&publisher="
                        + centre;
        given().get(query)
                .then()
                .body("items[0].total.amount", equalTo("10000000000.00"))
                .body("items[0].figureIds", hasSize(2));
        Map<String, Object> all = salesBody(centre, "330300", "101", "亿元", 2008);
        all.put("lotteryType", "all");
        String allId = json().body(all).post("/api/v1/sales-figures").path("id");
        given().get(query)
                .then()
                .body("items[0].total.amount", equalTo("10100000000.00"))
                .body("items[0].figureIds", contains(allId));
    }

    @Test
    void groupingByPublisherTotalsEachPublisherOnItsOwn() {
        String centre = createPublisher();
        String department = createPublisher();
        sales(centre, "330300", "20", "亿元", 2009);
        sales(department, "330302", "3", "亿元", 2009);
        for (String publisher : new String[] {centre, department}) {
            given().get("/api/v1/sales-figures/summary?groupBy=publisher&publisher=" + publisher)
                    .then()
                    .body("items", hasSize(1))
                    .body("items[0].key", equalTo(publisher))
                    .body("items[0].label", equalTo("温州市福利彩票发行中心"))
                    .body(
                            "items[0].total.amount",
                            equalTo(publisher.equals(centre) ? "2000000000.00" : "300000000.00"));
        }
    }

    @Test
    void groupingByGameCategoryUsesTheBreakdownOnly() {
        String publisher = createPublisher();
        Map<String, Object> total = salesBody(publisher, "330300", "20", "亿元", 2010);
        json().body(total).post("/api/v1/sales-figures").then().statusCode(201);
        for (String[] category : new String[][] {{"即开型", "3.5"}, {"乐透数字型", "12"}, {"视频型", "4.5"}}) {
            Map<String, Object> body = salesBody(publisher, "330300", category[1], "亿元", 2010);
            body.put("gameCategory", category[0]);
            json().body(body).post("/api/v1/sales-figures").then().statusCode(201);
        }
        given().get("/api/v1/sales-figures/summary?groupBy=gameCategory&publisher=" + publisher)
                .then()
                .body("items.key", containsInAnyOrder("即开型", "乐透数字型", "视频型"))
                .body("items.find { it.key == '即开型' }.total.amount", equalTo("350000000.00"));
        given().get("/api/v1/sales-figures/summary?groupBy=year&publisher=" + publisher)
                .then()
                .body("items[0].total.amount", equalTo("2000000000.00"));
    }

    @Test
    void badSummaryParametersAre400NamingTheParameter() {
        given().get("/api/v1/sales-figures/summary")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("groupBy"));
        given().get("/api/v1/sales-figures/summary?groupBy=colour")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("groupBy"));
        given().get("/api/v1/sales-figures/summary?groupBy=flow")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("groupBy"));
        given().get("/api/v1/fund-figures/summary?groupBy=year")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("flow"));
        given().get("/api/v1/fund-figures/summary?groupBy=year&flow=spent")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("flow"));
        given().get("/api/v1/sales-figures/summary?groupBy=year&region=990000")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("region"));
        given().get("/api/v1/fund-figures/summary?groupBy=flow").then().statusCode(200);
    }

    private static String sales(String publisher, String region, String value, String unit, int year) {
        return json().body(salesBody(publisher, region, value, unit, year))
                .post("/api/v1/sales-figures")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static Map<String, Object> salesBody(String publisher, String region, String value, String unit, int year) {
        Map<String, Object> body = FigureFixtures.sales(publisher, region, value, unit);
        body.put("period", period(year + "-01-01", year + "-12-31", "YEAR"));
        return body;
    }

    private static void quarter(String publisher, int year, int quarter, String value) {
        Map<String, Object> body = FigureFixtures.sales(publisher, "330300", value, "万元");
        LocalDate start = LocalDate.of(year, quarter * 3 + 1, 1);
        body.put(
                "period",
                period(start.toString(), start.plusMonths(3).minusDays(1).toString(), "QUARTER"));
        json().body(body).post("/api/v1/sales-figures").then().statusCode(201);
    }

    private static String fundFigure(String publisher, String region, String wanYuan, int year, String purpose) {
        Map<String, Object> body = fund(publisher, region, "used", wanYuan, "万元");
        body.put("period", period(year + "-01-01", year + "-12-31", "YEAR"));
        if (purpose != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fundPart = (Map<String, Object>) body.get("fund");
            fundPart.put("purpose", Map.of("code", purpose, "label", purpose));
        }
        return json().body(body)
                .post("/api/v1/fund-figures")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
