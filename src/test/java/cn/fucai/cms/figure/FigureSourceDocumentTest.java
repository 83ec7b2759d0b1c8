package cn.fucai.cms.figure;

import static cn.fucai.cms.figure.FigureFixtures.sales;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.media.MediaFixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A figure's source may cite a PDF of its publisher's library and the page that states it: auditors open the report at
 * that page. The report is public and kept while any revision cites it.
 */
@QuarkusTest
class FigureSourceDocumentTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aFigureCitesAPageOfAReportThatStaysPublicAndKeptWhileItsHistoryCitesIt() {
        String publisher = createPublisher();
        Response report = MediaFixtures.upload(
                publisher, "2019年温州市福彩公益金使用情况公告.pdf", MediaFixtures.pdf(3, false), "application/pdf", Map.of());
        String reportId = report.path("id");
        String file = MediaFixtures.path(report.path("url"));
        given().get(file).then().statusCode(404);

        Map<String, Object> body = sales(publisher, "330300", "20.5", "亿元");
        body.put("source", Map.of("documentId", reportId, "page", 2, "quote", "全年销售福利彩票20.5亿元"));
        Response created = json().body(body).post("/api/v1/sales-figures");
        created.then()
                .statusCode(201)
                .body("source.url", nullValue())
                .body("source.page", equalTo(2))
                .body("source.document.id", equalTo(reportId))
                .body("source.document.sha256", equalTo(report.path("sha256")))
                .body("source.document.url", equalTo(report.path("url")))
                .body("source.document.originalName", equalTo("2019年温州市福彩公益金使用情况公告.pdf"))
                .body("source.document.pages", equalTo(3));
        String figureId = created.path("id");
        given().get(file).then().statusCode(200).contentType("application/pdf");

        // a correction citing a web page instead: the history still cites the report, which stays
        Map<String, Object> corrected = sales(publisher, "330300", "20.6", "亿元");
        json().body(Map.of("reason", "按年报更正", "figure", corrected))
                .post("/api/v1/sales-figures/" + figureId + "/corrections")
                .then()
                .statusCode(200)
                .body("source.document", nullValue());
        given().get("/api/v1/sales-figures/" + figureId + "/revisions")
                .then()
                .body("items[0].figure.source.document.id", equalTo(reportId))
                .body("items[0].figure.source.page", equalTo(2));
        given().get(file).then().statusCode(200);
        admin().delete("/api/v1/media/" + reportId)
                .then()
                .statusCode(409)
                .body("detail", containsString("sales-figure " + figureId));
    }

    @Test
    void aSourceDocumentMustBeALivePdfOfThePublisherWithThatPageAndNothingIsWrittenOtherwise() {
        String publisher = createPublisher();
        String other = createPublisher();
        String report = MediaFixtures.upload(
                        publisher, "公告.pdf", MediaFixtures.pdf(3, false), "application/pdf", Map.of())
                .path("id");
        String photo = MediaFixtures.upload(
                        publisher, "照片.jpg", MediaFixtures.jpeg(200, 100, 61), "image/jpeg", Map.of())
                .path("id");
        String foreign = MediaFixtures.upload(
                        other, "外市公告.pdf", MediaFixtures.pdf(2, false), "application/pdf", Map.of())
                .path("id");
        long figures = count(db, "select count(*) from figure");
        long uses = count(db, "select count(*) from media_use");
        List<Object[]> cases = List.of(
                new Object[] {Map.of("url", "https://www.example.org/", "page", 2), "source.page", "give documentId"},
                new Object[] {Map.of("documentId", report, "page", 4), "source.page", "it has 3 pages"},
                new Object[] {Map.of("documentId", report, "page", 0), "source.page", "greater than"},
                new Object[] {Map.of("documentId", photo), "source.documentId", "no live PDF"},
                new Object[] {Map.of("documentId", foreign), "source.documentId", "no live PDF"});
        for (Object[] bad : cases) {
            Map<String, Object> body = sales(publisher, "330300", "1", "元");
            body.put("source", bad[0]);
            json().body(body)
                    .post("/api/v1/sales-figures")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo(bad[1]))
                    .body("violations[0].message", containsString((String) bad[2]));
        }
        assertEquals(figures, count(db, "select count(*) from figure"));
        assertEquals(uses, count(db, "select count(*) from media_use"));
    }

    @Test
    void csvCarriesTheDocumentAndPageBothWays() {
        String publisher = createPublisher();
        String report = MediaFixtures.upload(
                        publisher, "公告.pdf", MediaFixtures.pdf(3, false), "application/pdf", Map.of())
                .path("id");
        String csv = "publisher,regionCode,periodStart,periodEnd,granularity,lotteryType,printedValue,printedUnit,"
                + "qualifier,sourceQuote,sourceDocumentId,sourcePage\n"
                + publisher + ",330300,2019-01-01,2019-12-31,YEAR,welfare,20.5,亿元,exact,全年销售20.5亿元," + report
                + ",3\n";
        json().contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(201)
                .body("[0].source.document.id", equalTo(report))
                .body("[0].source.page", equalTo(3));
        String export = given().accept("text/csv")
                .get("/api/v1/sales-figures?publisher=" + publisher)
                .then()
                .statusCode(200)
                .extract()
                .asString(); // a BOM, then the header
        String[] lines = export.strip().split("\r?\n");
        List<String> header = List.of(lines[0].replace("\uFEFF", "").strip().split(","));
        List<String> row = List.of(lines[1].strip().split(","));
        Map<String, String> cells = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            // the cells of this row hold no comma; quoted or not, the value is what is inside
            cells.put(
                    header.get(i).replace("\"", ""), i < row.size() ? row.get(i).replace("\"", "") : "");
        }
        assertEquals(report, cells.get("sourceDocumentId"));
        assertEquals("3", cells.get("sourcePage"));
        assertTrue(cells.containsKey("sourceUrl"), "the other source columns stay: " + header);
    }
}
