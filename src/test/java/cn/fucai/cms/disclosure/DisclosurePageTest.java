package cn.fucai.cms.disclosure;

import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.execute;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.translation;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.figure.FigureFixtures;
import cn.fucai.cms.media.MediaFixtures;
import cn.fucai.cms.support.Chromium;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The public disclosure page in Debian's Chromium, headless: it loads without a console error under its
 * Content-Security-Policy, its charts draw the seeded figures (read back from the chart and from what it drew), each
 * number links to its source article, and switching publisher and language redraws them. Screenshots are kept under
 * target/screenshots for review.
 */
@QuarkusTest
class DisclosurePageTest {

    private static Chromium chromium;
    private static ChromeDriver browser;

    @TestHTTPResource("/disclosures/")
    URL page;

    @Inject
    AgroalDataSource db;

    private String jia;
    private String yi;
    private String jiaArticle;
    private String jiaReport;

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.start();
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.quit();
        }
    }

    @BeforeEach
    void seed() {
        jia = createPublisher(named("甲市福利彩票发行中心", "Jia City Welfare Lottery Centre"));
        yi = createPublisher(named("乙市福利彩票发行中心", "Yi City Welfare Lottery Centre"));
        String cover = MediaFixtures.upload(
                        jia, "大厅.jpg", MediaFixtures.jpeg(1200, 675, 51), "image/jpeg", Map.of("alt", "甲市福彩销售大厅"))
                .path("id");
        jiaReport = MediaFixtures.upload(
                        jia,
                        "甲市2023年公益金公告.pdf",
                        MediaFixtures.pdfWithText(List.of(
                                List.of("甲市2023年度福彩公益金使用情况公告"),
                                List.of("二、公益金使用情况", "资助养老服务机构12家，投入1,200万元。"),
                                List.of("三、附表"))),
                        "application/pdf",
                        Map.of())
                .path("id");
        Map<String, Object> body = article(jia, "fund-report");
        body.put("coverImageId", cover);
        body.put("title", "甲市2023年度福彩公益金使用情况公告");
        // half past midnight in China: still the previous day in UTC, where the browser runs
        body.put("publishedAt", "2024-01-02T00:30:00+08:00");
        body.put("translations", List.of(translation("en", "Jia City welfare fund report for 2023")));
        jiaArticle = json().body(body)
                .post("/api/v1/articles")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // the hall's counter is at the right, near the top: the article's cover follows the point the editor set
        json().body(Map.of("focalPoint", Map.of("x", 0.8, "y", 0.2)))
                .put("/api/v1/media/" + cover)
                .then()
                .statusCode(200);

        figure("sales", jia, "2022", "20.5", "亿元", "exact", null);
        figure("sales", jia, "2023", "21.3", "亿元", "exact", null);
        figure("fund", jia, "2022", "5.1", "亿元", "over", Map.of("flow", "raised"));
        figure("fund", jia, "2023", "5.6", "亿元", "exact", Map.of("flow", "raised"));
        figure(
                "fund",
                jia,
                "2023",
                "743.9",
                "万元",
                "exact",
                Map.of("flow", "used", "purpose", Map.of("code", "elderly-welfare", "label", "老年人福利类")));
        figure(
                "fund",
                jia,
                "2023",
                "1200",
                "万元",
                "exact",
                Map.of("flow", "used", "purpose", Map.of("code", "education", "label", "教育助学类")));
        figure("sales", yi, "2023", "3.2", "亿元", "exact", null);
        figure("fund", yi, "2023", "9000", "万元", "about", Map.of("flow", "raised"));
    }

    @AfterEach
    void noConsoleErrors() {
        assertEquals(List.of(), chromium.consoleErrors(), "the browser's console");
    }

    @Test
    void theChartsDrawThePublishersFiguresAndEachNumberLinksToItsSource() {
        open("?publisher=" + jia);

        assertEquals(List.of("2022", "2023"), script("return chart('by-year-chart').getOption().xAxis[0].data"));
        assertEquals(List.of(List.of(20.5, 21.3), List.of(5.1, 5.6)), seriesValues("by-year-chart"));
        assertEquals("金额（亿元）", script("return chart('by-year-chart').getOption().yAxis[0].name"));
        List<String> drawn = drawnTexts("by-year-chart");
        for (String label : List.of("20.5", "21.3", "超过5.1", "5.6", "销量", "筹集公益金")) {
            assertTrue(drawn.contains(label), label + " is drawn; drawn: " + drawn);
        }
        assertEquals(List.of(List.of(743.9, 1200.0)), seriesValues("by-purpose-chart"));
        assertEquals(List.of("老年人福利类", "教育助学类"), script("return chart('by-purpose-chart').getOption().yAxis[0].data"));

        WebElement over =
                browser.findElement(By.cssSelector("#by-year-table tbody tr:first-child td:nth-child(3) a.amount"));
        assertEquals("超过5.1亿元", over.getText(), "an approximate total says so");
        assertTrue(over.getAttribute("href").endsWith("#/articles/" + jiaArticle), over.getAttribute("href"));
        assertEquals("20.5亿元", text("#by-year-table tbody tr:first-child td:nth-child(2) a.amount"));
        assertEquals("1,200万元", text("#by-purpose-table tbody tr:first-child td:nth-child(2) a.amount"));
        assertTrue(text("#latest").contains("甲市2023年度福彩公益金使用情况公告"), text("#latest"));
        screenshot("disclosures-zh");

        assertEquals(
                "甲市福彩销售大厅",
                browser.findElement(By.cssSelector("#latest img.thumbnail")).getAttribute("alt"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> (Boolean) ((JavascriptExecutor) driver)
                .executeScript("const img = document.querySelector('#latest img.thumbnail');"
                        + " return img.complete && img.naturalWidth > 0"));
        assertTrue(
                ((String) script("return document.querySelector('#latest img.thumbnail').currentSrc"))
                        .endsWith("/w320.webp"),
                "Chromium draws the thumbnail from the narrowest WebP rendition");
        assertEquals(
                "96 96 80% 20%",
                script(
                        "const img = document.querySelector('#latest img.thumbnail'); const box = img.getBoundingClientRect();"
                                + " return box.width + ' ' + box.height + ' ' + getComputedStyle(img).objectPosition"),
                "a square thumbnail, cropped around the cover's focal point");
        WebElement report = browser.findElement(By.cssSelector("#by-year-table tbody tr:first-child a.document"));
        assertEquals("公告PDF第2页", report.getText());
        String reportUrl = report.getAttribute("href");
        assertTrue(reportUrl.contains("/api/v1/media-files/") && reportUrl.endsWith("/original#page=2"), reportUrl);
        given().get(URI.create(reportUrl).getRawPath()).then().statusCode(200).contentType("application/pdf");

        andWait(over::click);
        assertEquals("甲市2023年度福彩公益金使用情况公告", text("#article h2"));
        assertEquals("2024年1月2日", text("#article time"), "dates are shown in China Standard Time");
        WebElement cover = browser.findElement(By.cssSelector("#article figure.cover img"));
        assertEquals("甲市福彩销售大厅", cover.getAttribute("alt"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> (Boolean) ((JavascriptExecutor) driver)
                .executeScript("const img = document.querySelector('#article figure.cover img');"
                        + " return img.complete && img.naturalWidth > 0"));
        assertTrue(
                ((String) script("return document.querySelector('#article figure.cover img').currentSrc"))
                        .contains("/api/v1/media-files/"),
                "the cover is drawn from this origin's media files");

        assertTrue(text("#article").contains("English"), "the translation is offered: " + text("#article"));
        screenshot("article-zh");
    }

    @Test
    void switchingPublisherRegionAndLanguageRedrawsEverything() {
        open("?publisher=" + jia);
        Select publishers = new Select(browser.findElement(By.id("publisher")));
        andWait(() -> publishers.selectByValue(yi));
        assertEquals(List.of(List.of(3.2), List.of(0.9)), seriesValues("by-year-chart"));
        assertEquals("约9,000万元", text("#by-year-table tbody tr:first-child td:nth-child(3) .amount"));
        assertTrue(browser.getCurrentUrl().contains("publisher=" + yi), "the choice is kept in the address");

        andWait(() -> publishers.selectByValue(jia));
        Select regions = new Select(browser.findElement(By.id("region")));
        andWait(() -> regions.selectByValue("410000"));
        assertEquals(List.of(List.of(), List.of()), seriesValues("by-year-chart"), "Jia has no figures in Henan");
        assertTrue(
                drawnTexts("by-year-chart").contains("暂无数据"),
                drawnTexts("by-year-chart").toString());
        assertEquals("暂无数据", text("#by-year-table tbody td"));
        andWait(() -> regions.selectByValue("330000"));
        assertEquals(
                List.of(List.of(20.5, 21.3), List.of(5.1, 5.6)),
                seriesValues("by-year-chart"),
                "Zhejiang holds Jia's figures");
        assertTrue(browser.getCurrentUrl().contains("region=330000"), browser.getCurrentUrl());
        andWait(() -> browser.findElement(By.id("language")).sendKeys(Keys.ENTER)); // by keyboard
        assertEquals("en", script("return document.documentElement.lang"));
        assertEquals("Sales and public-welfare fund raised, by year", text("#by-year-title"));
        assertEquals("Amount (billion yuan)", script("return chart('by-year-chart').getOption().yAxis[0].name"));
        assertEquals(List.of(List.of(2.05, 2.13), List.of(0.51, 0.56)), seriesValues("by-year-chart"));
        assertTrue(
                drawnTexts("by-year-chart").containsAll(List.of("Fund raised", "over 0.51", "2.13")),
                drawnTexts("by-year-chart").toString());
        assertEquals("over 510 million yuan", text("#by-year-table tbody tr:first-child td:nth-child(3) a.amount"));
        assertEquals(
                "Jia City Welfare Lottery Centre",
                new Select(browser.findElement(By.id("publisher")))
                        .getFirstSelectedOption()
                        .getText());
        assertTrue(text("#latest").contains("Jia City welfare fund report for 2023"), text("#latest"));
        screenshot("disclosures-en");

        andWait(() -> browser.findElement(By.linkText("Jia City welfare fund report for 2023"))
                .click());
        assertEquals("Jia City welfare fund report for 2023", text("#article h2"));
        assertTrue(text("#article").contains("中文 (original)"), text("#article"));
    }

    @Test
    void aReaderSearchesTheReportsAndOpensThePageThatSaysTheWords() {
        open("?publisher=" + jia);
        searchReports("养老");
        WebElement hit = browser.findElement(By.cssSelector("#report-hits li a.document"));
        assertEquals("甲市2023年公益金公告.pdf · 第2页", hit.getText());
        String href = hit.getAttribute("href");
        assertTrue(href.contains("/api/v1/media-files/") && href.endsWith("/original#page=2"), href);
        assertEquals("养老", text("#report-hits li mark"));
        assertTrue(text("#report-hits li p").contains("资助养老服务机构12家"), text("#report-hits li p"));
        screenshot("disclosures-report-search");

        assertTrue(browser.findElements(By.cssSelector("#report-hits .ocr")).isEmpty(), "page 2 has its own text");

        // page 3 as OCR leaves a scanned page (ScannedPdfTest reads real scans): its hit says the words are
        // machine-read
        execute(
                db,
                "update media_page set text = '三、附表 资助残疾人康复中心3家', document = cms_search_document('三、附表 资助残疾人康复中心3家'),"
                        + " ocr = true where media_id = '" + jiaReport + "' and page = 3");
        searchReports("康复");
        assertEquals("甲市2023年公益金公告.pdf · 第3页", text("#report-hits li a.document"));
        assertEquals("扫描页，文字为机器识别，可能有误，请以PDF原文为准", text("#report-hits li .ocr"));

        searchReports("火星");
        assertEquals("没有哪一页同时有这些词", text("#report-hits li"));
        andWait(() -> browser.findElement(By.id("language")).click());
        searchReports("养老");
        assertEquals("甲市2023年公益金公告.pdf · page 2", text("#report-hits li a.document"));
        searchReports("康复");
        assertEquals(
                "A scanned page: its words were machine-read and may be wrong; the PDF is what counts",
                text("#report-hits li .ocr"));
    }

    /** Searches the reports for {@code words} and waits for the answer. */
    private void searchReports(String words) {
        browser.executeScript("document.getElementById('report-hits').replaceChildren()");
        WebElement field = browser.findElement(By.id("report-words"));
        field.clear();
        field.sendKeys(words, Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver ->
                        !driver.findElements(By.cssSelector("#report-hits li")).isEmpty());
    }

    @Test
    void onAPhoneNothingIsWiderThanTheScreenAndThePageIsServedUnderAStrictPolicy() {
        given().get(page)
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", "nosniff")
                .body(not(containsString("<script>")));
        for (String file : List.of("/webjars/echarts/dist/echarts.min.js", "/disclosures/disclosures.js")) {
            given().header("Accept-Encoding", "gzip")
                    .get(file)
                    .then()
                    .statusCode(200)
                    .header("Content-Encoding", "gzip")
                    .header("Cache-Control", containsString("max-age=600"));
        }
        Dimension desktop = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            open("?publisher=" + jia);
            assertEquals(Boolean.TRUE, script("return document.documentElement.scrollWidth <= window.innerWidth"));
            assertEquals(List.of(List.of(20.5, 21.3), List.of(5.1, 5.6)), seriesValues("by-year-chart"));
            screenshot("disclosures-phone");
            searchReports("公益金");
            assertEquals(Boolean.TRUE, script("return document.documentElement.scrollWidth <= window.innerWidth"));
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    private void open(String query) {
        browser.get(page + query);
        waitUntilReady();
    }

    /** Does something that redraws the page, and waits until it has. */
    private void andWait(Runnable action) {
        browser.executeScript("document.body.dataset.state = 'stale'");
        action.run();
        waitUntilReady();
    }

    private void waitUntilReady() {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
            Object state = ((JavascriptExecutor) driver).executeScript("return document.body.dataset.state");
            assertTrue(!"failed".equals(state), () -> "the page failed: " + text("#status"));
            return "ready".equals(state);
        });
    }

    /** Runs a script with {@code chart(id)}, the ECharts instance drawn in that element, at hand. */
    private Object script(String body) {
        return browser.executeScript(
                "const chart = (id) => echarts.getInstanceByDom(document.getElementById(id));\n" + body);
    }

    /** The values of each series, as numbers. */
    @SuppressWarnings("unchecked")
    private List<List<Double>> seriesValues(String chart) {
        List<List<Number>> series = (List<List<Number>>)
                script("return chart('" + chart + "').getOption().series.map((s) => s.data.map((d) => d && d.value))");
        return series.stream()
                .map(values -> values.stream().map(Number::doubleValue).toList())
                .toList();
    }

    /** The texts the chart's renderer actually drew: bar labels, axis names, legend. */
    @SuppressWarnings("unchecked")
    private List<String> drawnTexts(String chart) {
        return (List<String>) script("return chart('" + chart + "').getZr().storage.getDisplayList()"
                + ".map((el) => el.style && el.style.text).filter((t) => t !== undefined && t !== null).map(String)");
    }

    private String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    private void screenshot(String name) {
        chromium.screenshot(name);
    }

    private static Map<String, Object> named(String name, String nameEn) {
        Map<String, Object> body = publisher(uniqueSlug("page"));
        body.put("name", name);
        body.put("nameEn", nameEn);
        return body;
    }

    private void figure(
            String kind,
            String publisher,
            String year,
            String value,
            String unit,
            String qualifier,
            Map<String, Object> fund) {
        Map<String, Object> body = FigureFixtures.sales(publisher, "330300", value, unit);
        body.put("period", FigureFixtures.period(year + "-01-01", year + "-12-31", "YEAR"));
        body.put("qualifier", qualifier);
        body.put(
                "source",
                publisher.equals(jia)
                        ? Map.of(
                                "articleId",
                                jiaArticle,
                                "quote",
                                "全年" + value + unit,
                                "documentId",
                                jiaReport,
                                "page",
                                2)
                        : Map.of("articleId", jiaArticle, "quote", "全年" + value + unit));
        if (fund != null) {
            body.put("fund", fund);
        }
        json().body(body).post("/api/v1/" + kind + "-figures").then().statusCode(201);
    }
}
