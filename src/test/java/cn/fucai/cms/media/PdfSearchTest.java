package cn.fucai.cms.media;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.execute;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The library's PDFs are searched page by page: Chinese and English words, exact, paged, only where callers may see. */
@QuarkusTest
class PdfSearchTest {

    private static final List<List<String>> REPORT = List.of(
            List.of("2023年温州市福彩公益金使用情况公告", "一、公益金筹集情况"),
            List.of(),
            List.of("三、公益金使用情况", "资助养老服务机", "构12家，投入资金743.9万元。"),
            List.of("Annual reports on the welfare fund"));

    @Inject
    AgroalDataSource db;

    @Inject
    MediaPages pages;

    @Test
    void aReportIsFoundByTheWordsOnItsPagesWithThePassageThatShowsThem() {
        String publisher = createPublisher();
        Response uploaded = MediaFixtures.upload(
                publisher,
                "2023年公益金公告.pdf",
                MediaFixtures.pdfWithText(REPORT),
                "application/pdf",
                Map.of("title", "2023年公益金使用情况公告"));
        uploaded.then().statusCode(201).body("pages", equalTo(4));
        String id = uploaded.path("id");

        searchAsAdmin("养老", publisher)
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].document.id", equalTo(id))
                .body("items[0].document.originalName", equalTo("2023年公益金公告.pdf"))
                .body("items[0].document.pages", equalTo(4))
                .body("items[0].document.url", endsWith("/original"))
                .body("items[0].title", equalTo("2023年公益金使用情况公告"))
                .body("items[0].page", equalTo(3))
                .body("items[0].snippet", containsString("资助<mark>养老</mark>服务机构12家"));
        // a word the PDF wrapped across two lines, an English word by its stem, every page that says a word
        searchAsAdmin("机构", publisher).body("items.page", contains(3));
        // one Chinese character wherever it stands, also beside a number: 元 ends 万元, 年 begins 年温州
        searchAsAdmin("元", publisher).body("items.page", contains(3));
        // an amount as an editor copies it from a figure, to find its page: 万 is followed by 元 in the text
        searchAsAdmin("743.9万", publisher)
                .body("items.page", contains(3))
                .body("items[0].snippet", containsString("投入资金<mark>743.9万</mark>元"));
        searchAsAdmin("2023年", publisher)
                .body("items.page", contains(1))
                .body("items[0].snippet", containsString("<mark>2023年</mark>温州市"));
        searchAsAdmin("report", publisher)
                .body("items.page", contains(4))
                .body("items[0].snippet", equalTo("Annual <mark>reports</mark> on the welfare fund"));
        searchAsAdmin("公益金", publisher).body("items.page", contains(1, 3));

        // page by page, with a cursor
        Response first = admin().queryParam("q", "公益金")
                .queryParam("publisher", publisher)
                .queryParam("limit", 1)
                .get("/api/v1/media/search");
        first.then().body("items.page", contains(1)).body("nextCursor", notNullValue());
        admin().queryParam("q", "公益金")
                .queryParam("publisher", publisher)
                .queryParam("limit", 1)
                .queryParam("cursor", first.<String>path("nextCursor"))
                .get("/api/v1/media/search")
                .then()
                .body("items.page", contains(3))
                .body("nextCursor", nullValue());

        // nobody else sees it until published content cites it
        given().queryParam("q", "养老")
                .queryParam("publisher", publisher)
                .get("/api/v1/media/search")
                .then()
                .statusCode(200)
                .body("items", empty());
        Map<String, Object> body = article(publisher, uniqueSlug("report"));
        body.put("body", "<p>全文见：<a href=\"" + uploaded.path("url") + "\">公告</a></p>");
        String citing = createArticleId(body);
        given().queryParam("q", "养老")
                .queryParam("publisher", publisher)
                .get("/api/v1/media/search")
                .then()
                .body("items.document.id", contains(id));

        admin().delete("/api/v1/articles/" + citing).then().statusCode(204);
        admin().delete("/api/v1/media/" + id).then().statusCode(204);
        assertEquals(0, count(db, "select count(*) from media_page where media_id = ?::uuid", id), "its text is gone");
        searchAsAdmin("养老", publisher).body("items", empty());
    }

    @Test
    void aChineseWordMatchesOnlyWhereItStandsAsWritten() {
        String publisher = createPublisher();
        // 公益 and 益金 both stand on this page, 公益金 does not: its bigrams match, the word does not
        MediaFixtures.upload(
                        publisher,
                        "收益.pdf",
                        MediaFixtures.pdfWithText(List.of(List.of("发展公益事业，", "投资收益金额为零。"))),
                        "application/pdf",
                        Map.of())
                .then()
                .statusCode(201);
        searchAsAdmin("公益金", publisher).body("items", empty());
        searchAsAdmin("收益金额", publisher).body("items.page", contains(1)).body("items[0].title", nullValue());
        // a word of two characters is one bigram of the index: found where it stands, never reversed or apart
        for (String standing : List.of("公益", "益金", "收益")) {
            admin().queryParam("q", standing)
                    .queryParam("publisher", publisher)
                    .get("/api/v1/media/search")
                    .then()
                    .body("items.page", contains(1))
                    .body("items[0].snippet", containsString("<mark>" + standing + "</mark>"));
        }
        for (String absent : List.of("益公", "金益", "事投")) {
            admin().queryParam("q", absent)
                    .queryParam("publisher", publisher)
                    .get("/api/v1/media/search")
                    .then()
                    .body("items", empty());
        }
    }

    /** 福彩 finds a page that says 福利彩票 and back, each form only where it stands as written. */
    @Test
    void anAbbreviationFindsThePagesOfItsFullFormAsWritten() {
        String publisher = createPublisher();
        MediaFixtures.upload(
                        publisher,
                        "公告.pdf",
                        MediaFixtures.pdfWithText(List.of(
                                List.of("2023年福利彩票公益金使用情况。"),
                                List.of("省福彩中心资助助学项目。"),
                                // 福利, 利彩 and 彩票 all stand here, 福利彩票 does not
                                List.of("社会福利。有利彩民。彩票站点。"))),
                        "application/pdf",
                        Map.of())
                .then()
                .statusCode(201);
        searchAsAdmin("福彩公益金", publisher)
                .body("items.page", contains(1))
                .body("items[0].snippet", containsString("<mark>福利彩票公益金</mark>"));
        searchAsAdmin("福利彩票", publisher).body("items.page", contains(1, 2));
        searchAsAdmin("福彩", publisher).body("items.page", contains(1, 2));
        searchAsAdmin("福利彩票发行中心", publisher)
                .body("items.page", contains(2))
                .body("items[0].snippet", containsString("<mark>福彩中心</mark>"));
    }

    @Test
    void aQueryWithNothingToLookForIsA400NamingIt() {
        for (String q : List.of("", "  ", "。，！", "养".repeat(201))) {
            admin().queryParam("q", q)
                    .get("/api/v1/media/search")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("q"));
        }
        admin().get("/api/v1/media/search").then().statusCode(400).body("violations[0].field", equalTo("q"));
    }

    @Test
    void pdfsUploadedBeforeTheirTextWasReadAreReadInTheBackgroundEachOnce() throws Exception {
        String publisher = createPublisher();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(MediaFixtures.upload(
                            publisher,
                            "旧公告" + i + ".pdf",
                            MediaFixtures.pdfWithText(List.of(List.of("第" + i + "份旧公告", "福彩公益金助学"))),
                            "application/pdf",
                            Map.of())
                    .path("id"));
        }
        // as V38 left them: no text read
        execute(db, "delete from media_page where media_id in (" + quoted(ids) + ")");
        execute(db, "insert into media_text_unread (media_id) select id from media where id in (" + quoted(ids) + ")");
        searchAsAdmin("助学", publisher).body("items", empty());

        // two instances at once: each claims PDFs the other does not hold, and none is read twice
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = two.submit(pages::readRound);
            Future<Integer> b = two.submit(pages::readRound);
            int claimed = a.get() + b.get();
            while (claimed < 6) {
                int more = pages.readRound();
                assertEquals(true, more > 0, "PDFs left unread after " + claimed);
                claimed += more;
            }
            assertEquals(6, claimed);
        } finally {
            two.shutdown();
        }
        assertEquals(0, count(db, "select count(*) from media_text_unread"));
        assertEquals(6, count(db, "select count(*) from media_page where media_id in (" + quoted(ids) + ")"));
        searchAsAdmin("助学", publisher).body("items", hasSize(6)).body("items.page", contains(1, 1, 1, 1, 1, 1));

        // a PDF whose bytes are gone is marked read, with nothing to search, and not tried again
        execute(db, "update media set sha256 = repeat('0', 64) where id = '" + ids.get(0) + "'");
        execute(db, "insert into media_text_unread (media_id) values ('" + ids.get(0) + "')");
        assertEquals(1, pages.readRound());
        assertEquals(0, pages.readRound());
        assertEquals(0, count(db, "select count(*) from media_text_unread"));
    }

    /** The admin's search for these words in one publisher's PDFs. */
    private static ValidatableResponse searchAsAdmin(String words, String publisher) {
        return admin().queryParam("q", words)
                .queryParam("publisher", publisher)
                .get("/api/v1/media/search")
                .then();
    }

    private static String quoted(List<String> ids) {
        return String.join(", ", ids.stream().map(id -> "'" + id + "'").toList());
    }
}
