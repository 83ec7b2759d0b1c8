package cn.fucai.cms.media;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.execute;
import static cn.fucai.cms.support.TestData.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Scanned pages of PDFs are read by OCR (the real tesseract, as test.sh installs it) in the background, each once across
 * instances, and then found by search, marked as machine-read.
 */
@QuarkusTest
class ScannedPdfTest {

    @Inject
    AgroalDataSource db;

    @Inject
    ScannedPages scans;

    @Inject
    MediaPages pages;

    @Test
    void aScannedPageIsFoundOnceOcrHasReadItAndSaysItWasMachineRead() {
        String publisher = createPublisher();
        String id = upload(
                publisher,
                List.of(
                        List.of("2024年温州市福彩公益金使用情况公告", "一、公益金筹集情况"),
                        List.of("三、公益金使用情况", "资助养老服务机构12家", "投入资金743.9万元")),
                Set.of(2));
        assertEquals(1, count(db, "select count(*) from media_page where media_id = ?::uuid", id), "page 1 at once");
        assertEquals(
                2,
                count(db, "select page from media_page_awaiting_ocr where media_id = ?::uuid and attempts = 0", id),
                "page 2, the scan, waits for OCR");
        search(publisher, "养老").body("items", empty());
        text(id).body("pages", equalTo(2))
                .body("withText", equalTo(1))
                .body("readByOcr", equalTo(0))
                .body("awaitingOcr", equalTo(1))
                .body("unreadable", equalTo(0));

        assertEquals(1, scans.readRound());
        text(id).body("withText", equalTo(1)).body("readByOcr", equalTo(1)).body("awaitingOcr", equalTo(0));
        search(publisher, "养老")
                .body("items", hasSize(1))
                .body("items[0].document.id", equalTo(id))
                .body("items[0].page", equalTo(2))
                .body("items[0].ocr", equalTo(true))
                .body("items[0].snippet", containsString("资助<mark>养老</mark>服务机构12家"));
        search(publisher, "公益金").body("items.page", contains(1, 2)).body("items.ocr", contains(false, true));
        search(publisher, "743.9万元").body("items.page", contains(2));
        assertEquals(0, count(db, "select count(*) from media_page_awaiting_ocr where media_id = ?::uuid", id));
        assertEquals(0, scans.readRound(), "nothing waits");

        // for the publisher's people only, and for PDFs only
        given().get("/api/v1/media/" + id + "/text").then().statusCode(401);
        given().header("Authorization", "Bearer " + token("editor", createPublisher()))
                .get("/api/v1/media/" + id + "/text")
                .then()
                .statusCode(404);
        String image = MediaFixtures.upload(publisher, "大厅.jpg", MediaFixtures.jpeg(64, 48, 5), "image/jpeg", Map.of())
                .path("id");
        admin().get("/api/v1/media/" + image + "/text")
                .then()
                .statusCode(409)
                .body("detail", containsString("only PDFs have pages of text"));
    }

    @Test
    void instancesShareTheScannedPagesAndReadEachOnce() throws Exception {
        String publisher = createPublisher();
        List<String> words = List.of("助学", "养老", "助残", "救助", "体育", "医疗");
        String id = upload(
                publisher,
                words.stream().map(word -> List.of("福彩公益金" + word + "项目")).toList(),
                Set.of(1, 2, 3, 4, 5, 6));
        assertEquals(0, count(db, "select count(*) from media_page where media_id = ?::uuid", id));

        // two instances at once: each claims pages the other does not hold (4 + 2 of 6), so none is read twice
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = two.submit(scans::readRound);
            Future<Integer> b = two.submit(scans::readRound);
            int claimed = a.get() + b.get();
            while (claimed < 6) {
                int more = scans.readRound();
                assertTrue(more > 0, "pages left unread after " + claimed);
                claimed += more;
            }
            assertEquals(6, claimed);
        } finally {
            two.shutdown();
        }
        assertEquals(0, count(db, "select count(*) from media_page_awaiting_ocr where media_id = ?::uuid", id));
        assertEquals(6, count(db, "select count(*) from media_page where media_id = ?::uuid and ocr", id));
        for (int page = 1; page <= 6; page++) {
            search(publisher, words.get(page - 1)).body("items.page", contains(page));
        }
    }

    @Test
    void aPageHeldByAnInstanceThatDiedIsReadWhenItsLeaseRunsOutAndAPageThatFailsThreeTimesIsLeftAlone() {
        String publisher = createPublisher();
        String held = upload(publisher, List.of(List.of("福彩公益金资助敬老院")), Set.of(1));
        execute(
                db,
                "update media_page_awaiting_ocr set attempts = 1, claimed_until = now() + interval '1 hour'"
                        + " where media_id = '" + held + "'");
        assertEquals(0, scans.readRound(), "another instance holds it");
        search(publisher, "敬老院").body("items", empty());

        execute(
                db,
                "update media_page_awaiting_ocr set claimed_until = now() - interval '1 second' where media_id = '"
                        + held + "'");
        assertEquals(1, scans.readRound(), "its lease ran out");
        search(publisher, "敬老院").body("items.page", contains(1)).body("items.ocr", contains(true));

        String failing = upload(publisher, List.of(List.of("福彩公益金资助儿童福利院")), Set.of(1));
        execute(db, "update media_page_awaiting_ocr set attempts = 3 where media_id = '" + failing + "'");
        assertEquals(0, scans.readRound(), "tried three times already");
        assertEquals(
                3,
                count(db, "select attempts from media_page_awaiting_ocr where media_id = ?::uuid", failing),
                "left for an operator to see (and reset)");
        text(failing)
                .body("awaitingOcr", equalTo(0))
                .body("unreadable", equalTo(1))
                .body("readByOcr", equalTo(0));
    }

    @Test
    void aDeletedPdfIsNotReadAndWhatOcrReadOfItAfterwardsIsNotStored() {
        String publisher = createPublisher();
        String id = upload(publisher, List.of(List.of("福彩公益金资助残疾人康复")), Set.of(1));
        admin().delete("/api/v1/media/" + id).then().statusCode(204);
        assertEquals(0, count(db, "select count(*) from media_page_awaiting_ocr where media_id = ?::uuid", id));
        assertEquals(0, scans.readRound());

        // OCR that had claimed the page before the delete comes back with its words: they are dropped
        assertFalse(pages.storeRead(UUID.fromString(id), 1, "福彩公益金资助残疾人康复"));
        assertEquals(0, count(db, "select count(*) from media_page where media_id = ?::uuid", id));
    }

    private static String upload(String publisher, List<List<String>> lines, Set<Integer> scanned) {
        return MediaFixtures.upload(
                        publisher,
                        "扫描件.pdf",
                        MediaFixtures.pdfWithScans(lines, scanned),
                        "application/pdf",
                        Map.of("title", "扫描的公告"))
                .then()
                .statusCode(201)
                .body("pages", equalTo(lines.size()))
                .extract()
                .path("id");
    }

    private static ValidatableResponse text(String id) {
        return admin().get("/api/v1/media/" + id + "/text").then().statusCode(200);
    }

    private static ValidatableResponse search(String publisher, String words) {
        return admin().queryParam("q", words)
                .queryParam("publisher", publisher)
                .get("/api/v1/media/search")
                .then()
                .statusCode(200);
    }
}
