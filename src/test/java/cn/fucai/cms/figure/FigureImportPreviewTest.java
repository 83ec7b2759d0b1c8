package cn.fucai.cms.figure;

import static cn.fucai.cms.figure.FigureFixtures.fund;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The preview of an import: every row as it would be stored, every problem as the import names it, nothing written. */
@QuarkusTest
class FigureImportPreviewTest {

    private static final String HEADER =
            "publisher,regionCode,periodStart,periodEnd,granularity,lotteryType,printedValue,printedUnit,qualifier,sourceUrl";

    @Inject
    AgroalDataSource db;

    @Test
    void aCsvPreviewShowsEachGoodRowInExactYuanAndNamesEachBadRowLikeTheImportAndWritesNothing() {
        String publisher = createPublisher();
        String csv = HEADER + "\n"
                + publisher + ",330300,2019-01-01,2019-12-31,YEAR,welfare,5.1,亿元,over,https://www.example.org/1\n"
                + publisher + ",339999,2019-01-01,2019-12-31,YEAR,welfare,20,千元,over,https://www.example.org/2\n"
                + "\n"
                + publisher + ",330302,2019-01-01,2019-12-31,YEAR,welfare,743.9,万元,exact,https://www.example.org/4\n";
        long writesBefore = writes();

        admin().contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/sales-figures/batch/preview")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "private, no-store")
                .body("rowCount", equalTo(3))
                .body("rows.row", contains(1, 4))
                .body("rows[0].figure.amount.amount", equalTo("510000000.00"))
                .body("rows[0].figure.printed.value", equalTo("5.1"))
                .body("rows[0].figure.printed.unit", equalTo("亿元"))
                .body("rows[0].figure.qualifier", equalTo("over"))
                .body("rows[0].figure.publisher.slug", equalTo(publisher))
                .body("rows[1].figure.amount.amount", equalTo("7439000.00"))
                .body("rows[1].figure.regionCode", equalTo("330302"))
                .body("violations.field", containsInAnyOrder("row 2, regionCode", "row 2, printedUnit"));

        assertEquals(writesBefore, writes(), "a preview writes no figure, revision, audit entry or delivery");
        assertEquals(0, publisherFigures(publisher));

        // The import names the same problems, by the same rows (the blank line counts, as the preview said).
        admin().contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(400)
                .body("violations.field", containsInAnyOrder("row 2, regionCode", "row 2, printedUnit"));
        String fixed = csv.replace("339999", "330304").replace("千元", "万元");
        admin().contentType("text/csv; charset=UTF-8")
                .body(fixed.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/sales-figures/batch/preview")
                .then()
                .statusCode(200)
                .body("rows.row", contains(1, 2, 4))
                .body("violations", empty());
        assertEquals(0, publisherFigures(publisher));
        admin().contentType("text/csv; charset=UTF-8")
                .body(fixed.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(201)
                .body("amount.amount", contains("510000000.00", "200000.00", "7439000.00"));
        assertEquals(3, publisherFigures(publisher));
    }

    @Test
    void aJsonPreviewNamesBeanValidationAndRuleProblemsByIndex() {
        String publisher = createPublisher();
        Map<String, Object> good = fund(publisher, "330300", "raised", "5.1", "亿元");
        Map<String, Object> noSource = fund(publisher, "330300", "raised", "1", "万元");
        noSource.remove("source");
        Map<String, Object> badRegion = fund(publisher, "339999", "raised", "1", "万元");
        List<Map<String, Object>> batch = new ArrayList<>(List.of(good, noSource, badRegion));
        long writesBefore = writes();

        json().body(batch)
                .post("/api/v1/fund-figures/batch/preview")
                .then()
                .statusCode(200)
                .body("rowCount", equalTo(3))
                .body("rows", hasSize(1))
                .body("rows[0].row", equalTo(0))
                .body("rows[0].figure.amount.amount", equalTo("510000000.00"))
                .body("rows[0].figure.fund.flow", equalTo("raised"))
                .body("violations.field", containsInAnyOrder("[1].source", "[2].regionCode"));
        assertEquals(writesBefore, writes());
        assertEquals(0, publisherFigures(publisher));
    }

    @Test
    void aPreviewIsForThoseWhoMayImport() {
        String publisher = createPublisher();
        String other = createPublisher();
        String csv = HEADER + "\n" + publisher
                + ",330300,2019-01-01,2019-12-31,YEAR,welfare,5.1,亿元,over,https://www.example.org/1\n";
        given().contentType("text/csv")
                .body(csv)
                .post("/api/v1/sales-figures/batch/preview")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + token("editor", other))
                .contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/sales-figures/batch/preview")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
        given().header("Authorization", "Bearer " + token("editor", publisher))
                .contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/sales-figures/batch/preview")
                .then()
                .statusCode(200)
                .body("rows", hasSize(1));
        admin().contentType("text/csv")
                .body("publisher,colour\n" + publisher + ",red\n")
                .post("/api/v1/sales-figures/batch/preview")
                .then()
                .statusCode(200)
                .body("rows", empty())
                .body("violations[0].field", equalTo("header"));
        admin().contentType("text/csv")
                .body(HEADER + "\n")
                .post("/api/v1/sales-figures/batch/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].message", containsString("no data rows"));
        assertEquals(0, publisherFigures(publisher));
    }

    private long writes() {
        return count(db, """
                select (select count(*) from figure) + (select count(*) from figure_revision)
                     + (select count(*) from audit_event) + (select count(*) from webhook_event)""");
    }

    private long publisherFigures(String publisher) {
        return count(
                db,
                "select count(*) from figure f join publisher p on p.id = f.publisher_id where p.slug = ?",
                publisher);
    }
}
