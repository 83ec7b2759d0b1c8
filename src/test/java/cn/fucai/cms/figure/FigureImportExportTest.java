package cn.fucai.cms.figure;

import static cn.fucai.cms.figure.FigureFixtures.fund;
import static cn.fucai.cms.figure.FigureFixtures.period;
import static cn.fucai.cms.figure.FigureFixtures.sales;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV export and import, JSON batches, and exact sums over many small figures. */
@QuarkusTest
class FigureImportExportTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Inject
    AgroalDataSource db;

    @Test
    void csvExportIsUtf8WithBomAndRoundTripsThroughImport() {
        String publisher = createPublisher();
        Map<String, Object> first = fund(publisher, "330300", "used", "743.9", "万元");
        @SuppressWarnings("unchecked")
        Map<String, Object> fundPart = (Map<String, Object>) first.get("fund");
        fundPart.put("purpose", Map.of("code", "student-aid", "label", "助学（福彩暖万家·助圆大学梦）"));
        fundPart.put("beneficiaryCount", 300);
        fundPart.put("amountPerBeneficiary", Map.of("value", "8000", "unit", "元"));
        first.put("source", Map.of("url", "https://www.example.org/a?b=1,2", "quote", "资助300名温州困难大学新生各8000元福彩公益金，\"引号\"与逗号,"));
        Map<String, Object> second = fund(publisher, "330302", "raised", "5", "亿元");
        second.put("qualifier", "over");
        second.put("period", period("2019-01-01", "2019-12-30", "YEAR_TO_DATE"));
        List<String> ids = json().body(List.of(first, second)).post("/api/v1/fund-figures/batch").then().statusCode(201)
                .body("", hasSize(2)).extract().path("id");
        assertEquals(2, count(db, """
                select count(*) from audit_event where action = 'create' and resource_type = 'fund-figure'
                and resource_id = any(?) and after_state is not null""",
                (Object) ids.toArray(String[]::new)), "each figure of a batch has its own audit event");

        Response export = given().accept("text/csv").get("/api/v1/fund-figures?publisher=" + publisher);
        export.then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("fund-figures.csv"));
        byte[] bytes = export.asByteArray();
        assertArrayEquals(BOM, Arrays.copyOf(bytes, 3), "starts with a UTF-8 byte-order mark");
        String csv = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(csv.contains("助学（福彩暖万家·助圆大学梦）"), csv);
        assertTrue(csv.contains("\"资助300名温州困难大学新生各8000元福彩公益金，\"\"引号\"\"与逗号,\""), csv);
        assertTrue(csv.lines().skip(1).anyMatch(line -> line.contains("7439000.00") && line.contains("743.9") && line.contains("万元")), csv);

        String target = createPublisher();
        String reimport = csv.replace(publisher, target);
        admin().contentType("text/csv; charset=UTF-8").body(reimport.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/fund-figures/batch").then().statusCode(201).body("", hasSize(2));
        assertEquals(comparable(publisher), comparable(target));
    }

    @Test
    void badCsvRowsAreNamedByRowAndColumnAndNothingIsWritten() {
        String publisher = createPublisher();
        String header = "publisher,regionCode,periodStart,periodEnd,granularity,lotteryType,printedValue,printedUnit,qualifier,sourceUrl";
        String csv = header + "\n"
                + publisher + ",330300,2019-01-01,2019-12-31,YEAR,welfare,20,亿元,over,https://www.example.org/1\n"
                + publisher + ",339999,2019-01-01,2019-12-31,YEAR,welfare,20,千元,over,https://www.example.org/2\n"
                + publisher + ",330300,2019-13-01,2019-12-31,YEAR,lotto,20,亿元,over,https://www.example.org/3\n";
        admin().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/sales-figures/batch").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("row 2.regionCode", "row 2.amount.unit", "row 3.periodStart", "row 3.lotteryType"));
        admin().contentType("text/csv").body("publisher,colour\n" + publisher + ",red\n").post("/api/v1/sales-figures/batch").then()
                .statusCode(400).body("violations[0].field", equalTo("header")).body("violations[0].message", containsString("colour"));
        admin().contentType("text/csv").body(header + "\n").post("/api/v1/sales-figures/batch").then()
                .statusCode(400).body("violations[0].message", containsString("no data rows"));
        admin().contentType("text/csv").body(header + "\n" + publisher + ",330300\n").post("/api/v1/sales-figures/batch").then()
                .statusCode(400).body("violations[0].field", equalTo("row 1"));
        assertEquals(0, publisherFigures(publisher));
    }

    @Test
    void jsonBatchIsAllOrNothingAndNamesEachBadRow() {
        String publisher = createPublisher();
        List<Map<String, Object>> rows = List.of(sales(publisher, "330300", "1", "万元"), sales(publisher, "330300", "1", "千元"),
                sales(publisher, "330300", "-1", "万元"));
        json().body(rows).post("/api/v1/sales-figures/batch").then()
                .statusCode(400)
                .body("violations.field", hasItems("[1].amount.unit", "[2].amount.value"));
        json().body(List.of()).post("/api/v1/sales-figures/batch").then().statusCode(400);
        Map<String, Object> missing = sales(publisher, "330300", "1", "万元");
        missing.remove("qualifier");
        json().body(List.of(sales(publisher, "330300", "1", "万元"), missing)).post("/api/v1/sales-figures/batch").then()
                .statusCode(400).body("violations[0].field", containsString("qualifier"));
        assertEquals(0, publisherFigures(publisher));
    }

    @Test
    void tenThousandSmallFiguresSumExactly() {
        String publisher = createPublisher();
        List<Map<String, Object>> rows = new ArrayList<>();
        LocalDate month = LocalDate.of(1000, 1, 1); // 10,000 months end in 1833, clear of the years other tests use
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> row = sales(publisher, "330300", i % 2 == 0 ? "0.1" : "0.00002", i % 2 == 0 ? "元" : "万元");
            row.put("period", period(month.toString(), month.plusMonths(1).minusDays(1).toString(), "MONTH"));
            rows.add(row);
            month = month.plusMonths(1);
        }
        json().body(rows).post("/api/v1/sales-figures/batch").then().statusCode(201).body("", hasSize(10_000));
        // 5,000 × 0.10 元 + 5,000 × 0.00002 万元 (0.20 元) = 1,500.00 元; doubles would drift off it.
        given().get("/api/v1/sales-figures/summary?groupBy=publisher&publisher=" + publisher).then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].total.amount", equalTo("1500.00"))
                .body("items[0].figureIds", hasSize(10_000))
                .body("items[0].partial", equalTo(true));
        assertEquals(List.of("1500.00"), TestData.column(db,
                "select sum(r.amount)::text from figure f join figure_revision r on r.figure_id = f.id join publisher p on p.id = f.publisher_id where p.slug = ?",
                publisher));
    }

    private long publisherFigures(String publisher) {
        return count(db, "select count(*) from figure f join publisher p on p.id = f.publisher_id where p.slug = ?", publisher);
    }

    /** Every value column of a publisher's figures, in a stable order, without ids and timestamps. */
    private List<String> comparable(String publisher) {
        return TestData.column(db, """
                select concat_ws('|', r.region_code, r.period_start, r.period_end, r.granularity, r.period_label, r.lottery_type,
                       r.game_category, r.amount, r.printed_value, r.printed_unit, r.qualifier, r.source_url, r.source_quote,
                       r.flow, r.purpose_code, r.purpose_label, r.beneficiary_count, r.amount_per_beneficiary)
                from figure f join figure_revision r on r.figure_id = f.id join publisher p on p.id = f.publisher_id
                where p.slug = ? order by 1""", publisher);
    }
}
