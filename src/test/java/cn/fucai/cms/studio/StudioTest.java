package cn.fucai.cms.studio;

import static cn.fucai.cms.support.People.PASSWORD;
import static cn.fucai.cms.support.People.createAccount;
import static cn.fucai.cms.support.People.person;
import static cn.fucai.cms.support.People.signInResponse;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.common.schedule.WorkScheduler;
import cn.fucai.cms.media.MediaFixtures;
import cn.fucai.cms.support.Chromium;
import cn.fucai.cms.support.People.Session;
import cn.fucai.cms.support.TestClock;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The editorial workbench at /studio/ in Debian's Chromium: journeys of editors and reviewers, each checked against
 * the API, each ending without a console error or CSP violation. Screenshots go to target/screenshots/studio-*.png.
 */
@QuarkusTest
class StudioTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Chromium chromium;
    private static ChromeDriver browser;

    @Inject
    TestClock clock;

    @Inject
    WorkScheduler scheduler;

    @TestHTTPResource("/studio/")
    URL studio;

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

    /** HTTP statuses a journey expects to meet: Chromium logs every 4xx answer to fetch as a console error. */
    private final List<Integer> expectedStatuses = new ArrayList<>();

    @AfterEach
    void noConsoleErrors() {
        clock.reset();
        browser.manage().window().setSize(new Dimension(1280, 1800));
        List<String> unexpected = chromium.consoleErrors().stream()
                .filter(entry -> expectedStatuses.stream()
                        .noneMatch(status -> entry.contains("the server responded with a status of " + status)))
                .toList();
        assertEquals(List.of(), unexpected, "the browser's console");
    }

    @Test
    void theStudioIsServedUnderAStrictPolicy() {
        given().get(studio)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .body(containsString("<script type=\"module\" src=\"main.js\"></script>"))
                .body(not(containsString("<script>")));
        given().header("Accept-Encoding", "gzip")
                .get(studio + "main.js")
                .then()
                .statusCode(200)
                .contentType(containsString("javascript"))
                .header("Content-Encoding", "gzip");
        given().get(studio + "studio.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void anAdminAddsPeopleAnEditorWritesAndSubmitsAndAReviewerApprovesOnAPhone() throws IOException {
        Map<String, Object> reviewed = publisher(uniqueSlug("studio"));
        reviewed.put("requiresReview", true);
        String centre = createPublisher(reviewed);
        String admin = createAccount("admin", null);
        String editorLogin = uniqueSlug("editor").replace('-', '.');
        String reviewerLogin = uniqueSlug("reviewer").replace('-', '.');

        // an admin adds an editor and a reviewer of the centre
        signIn(admin);
        open("#/accounts");
        for (String[] person :
                List.of(new String[] {editorLogin, "陈静", "editor"}, new String[] {reviewerLogin, "王审", "reviewer"})) {
            type("#account-login", person[0]);
            type("#account-displayName", person[1]);
            new Select(find("#account-role")).selectByValue(person[2]);
            type("#account-publisher", centre);
            type("#account-password", PASSWORD);
            find("#account-create").click();
            chromium.await(d -> find("#account-list").getText().contains(person[0]));
        }
        assertEquals("账户已创建。", chromium.text("#account-status"));
        chromium.screenshot("studio-accounts");

        // the editor writes an article with a heading, a list, a table and an uploaded image, in a region, translated
        signIn(editorLogin);
        open("#/articles/new");
        type("#field-title", "温州福彩2026年公益金使用情况");
        assertTrue(find("#field-slug").getAttribute("value").matches("\\d{4}-\\d{2}-\\d{2}-[0-9a-f]{6}-2026"));
        WebElement body = find(".ProseMirror");
        body.click();
        tool("标题 2");
        body.sendKeys("公益金使用", Keys.ENTER, "全年投入公益金743.9万元。", Keys.ENTER);
        tool("无序列表");
        body.sendKeys("养老", Keys.ENTER, "助学", Keys.ENTER, Keys.ENTER);
        tool("插入表格");
        body.sendKeys("项目", Keys.TAB, "金额", Keys.TAB, Keys.TAB, "养老", Keys.TAB, "743.9万元");
        // a photo wider than the column goes in as its 1280-px rendition; a PDF as a link to it
        Path photo = Files.createTempFile("studio", ".jpg");
        Files.write(photo, MediaFixtures.jpeg(1600, 1200, 7));
        browser.findElement(By.cssSelector(".editor input[accept='image/*']")).sendKeys(photo.toString());
        chromium.await(d -> !d.findElements(By.cssSelector(".ProseMirror img")).isEmpty());
        chromium.await(d -> chromium.script(
                "const img = document.querySelector('.ProseMirror img'); return img.complete && img.naturalWidth > 0"));
        assertEquals(1280L, chromium.script("return document.querySelector('.ProseMirror img').naturalWidth"));
        assertTrue(find(".ProseMirror img").getAttribute("src").endsWith("/w1280"));
        Path report = Files.createTempDirectory("studio").resolve("2026年公益金使用公告.pdf");
        Files.write(report, MediaFixtures.pdf(2, false));
        body.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "全文见：");
        browser.findElement(By.cssSelector(".editor input[accept='application/pdf']"))
                .sendKeys(report.toString());
        chromium.await(d -> !d.findElements(By.cssSelector(".ProseMirror a[href*='/api/v1/media-files/']"))
                .isEmpty());
        assertEquals("2026年公益金使用公告.pdf", chromium.text(".ProseMirror a[href*='/api/v1/media-files/']"));
        new Select(find("#region-province")).selectByValue("330000");
        chromium.await(d -> !d.findElements(By.cssSelector("#region-prefecture option[value='330300']"))
                .isEmpty());
        new Select(find("#region-prefecture")).selectByValue("330300");
        find("#region-add").click();
        chromium.await(d -> !d.findElements(By.cssSelector("#region-chips li[data-code='330300']"))
                .isEmpty());
        assertTrue(chromium.text("#region-chips").contains("温州市"), chromium.text("#region-chips"));
        find("#add-translation").click();
        type("#translation-en-title", "Wenzhou welfare fund in 2026");
        chromium.screenshot("studio-editor");
        find("#action-save").click();
        chromium.await(d -> d.getCurrentUrl().matches(".*#/articles/[0-9a-f-]{36}$"));
        awaitStatus("草稿");
        String id = browser.getCurrentUrl().replaceAll(".*#/articles/", "");
        find("#action-submit").click();
        awaitStatus("待审核");
        chromium.screenshot("studio-submitted");

        Response saved = json().queryParam("locale", "zh-CN").get("/api/v1/articles/" + id);
        saved.then()
                .statusCode(200)
                .body("status", equalTo("in_review"))
                .body("title", equalTo("温州福彩2026年公益金使用情况"))
                .body("regionCodes", contains("330300"))
                .body("body", containsString("<h2>公益金使用</h2><p>全年投入公益金743.9万元。</p>"))
                .body("body", containsString("<ul><li><p>养老</p></li><li><p>助学</p></li></ul>"))
                .body("body", containsString("<table><tbody><tr><th><p>项目</p></th><th><p>金额</p></th>"))
                .body(
                        "body",
                        containsString("<td><p>743.9万元</p><img src=\"https://cms.test.example/api/v1/media-files/"))
                .body("body", containsString("/w1280\""))
                .body("body", containsString("<p>全文见：<a href=\"https://cms.test.example/api/v1/media-files/"))
                .body("body", containsString("/original\" rel=\"nofollow noopener\">2026年公益金使用公告.pdf</a>"));
        json().get("/api/v1/articles/" + id + "/translations")
                .then()
                .body("translations.locale", contains("en"))
                .body("translations[0].status", equalTo("draft"))
                .body("translations[0].title", equalTo("Wenzhou welfare fund in 2026"));

        // the reviewer, on a phone, finds it in the queue, reads it without sideways scrolling, and approves it
        browser.manage().window().setSize(new Dimension(390, 844));
        signIn(reviewerLogin);
        chromium.await(ExpectedConditions.attributeToBe(By.id("review"), "aria-busy", "false"));
        find("#review a[href='#/articles/" + id + "']").click();
        chromium.await(d -> !d.findElements(By.id("action-approve")).isEmpty());
        assertEquals(Boolean.TRUE, chromium.script("return document.documentElement.scrollWidth <= window.innerWidth"));
        chromium.screenshot("studio-review-phone");
        type("#review-note", "数据已与年报核对");
        find("#action-approve").click();
        awaitStatus("已发布");

        given().get("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("published"))
                .body("body", containsString("<h2>公益金使用</h2>"));
        String image = given().get("/api/v1/articles/" + id).path("body");
        String src = image.replaceAll("(?s).*<img src=\"([^\"]+)\".*", "$1");
        given().get(URI.create(src).getRawPath()).then().statusCode(200).contentType("image/jpeg");
        json().get("/api/v1/articles/" + id + "/reviews")
                .then()
                .body("step", contains("submitted", "approved"))
                .body("[1].note", equalTo("数据已与年报核对"));

        // and on the public disclosure page, among the centre's latest articles
        browser.get(studio.toString().replace("/studio/", "/disclosures/?publisher=" + centre));
        chromium.await(d -> "ready".equals(chromium.script("return document.body.dataset.state")));
        assertTrue(chromium.text("#latest").contains("温州福彩2026年公益金使用情况"), chromium.text("#latest"));
        find("#latest a[href='#/articles/" + id + "']").click();
        chromium.await(
                d -> !d.findElements(By.cssSelector("#article .body img")).isEmpty());
        chromium.await(
                d -> chromium.script(
                        "const img = document.querySelector('#article .body img'); return img.complete && img.naturalWidth > 0"));
        assertEquals(1280L, chromium.script("return document.querySelector('#article .body img').naturalWidth"));
        assertFalse(chromium.text("#article").contains("null"), chromium.text("#article"));
        assertTrue(find("#article .body img").getAttribute("src").endsWith("/w1280"));
        String attachment =
                find("#article .body a[href*='/api/v1/media-files/']").getAttribute("href");
        given().get(URI.create(attachment).getRawPath()).then().statusCode(200).contentType("application/pdf");
        chromium.screenshot("studio-published-disclosure");
    }

    @Test
    void aSecondEditorSeesTheConflictAndKeepsTheirTextWithoutLosingTheOther() {
        String centre = createPublisher();
        String first = createAccount("editor", centre);
        Session second = person("editor", centre);
        Map<String, Object> body = article(centre, uniqueSlug("conflict"));
        body.put("status", "draft");
        String id = createArticleId(body);

        signIn(first);
        open("#/articles/" + id);
        find("#field-title").sendKeys("（第一位编辑）");
        body.put("title", "第二位编辑改的标题");
        second.page().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        expectedStatuses.add(412);
        find("#action-save").click();

        chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
        assertEquals("第二位编辑改的标题", chromium.text("#their-title"));
        assertEquals("温州福彩2019年销量再破20亿（第一位编辑）", find("#field-title").getAttribute("value"));
        assertEquals("第二位编辑改的标题", json().get("/api/v1/articles/" + id).path("title"), "nothing was overwritten");
        chromium.screenshot("studio-conflict");
        find("#keep-mine").click();
        chromium.await(d -> "已保存。".equals(chromium.text("#form-status")));

        json().get("/api/v1/articles/" + id).then().body("title", equalTo("温州福彩2019年销量再破20亿（第一位编辑）"));
        json().get("/api/v1/articles/" + id + "/revisions")
                .then()
                .body("items", hasSize(3))
                .body("items[0].author.name", equalTo(first))
                .body("items[1].author.accountId", equalTo(second.accountId()));
    }

    @Test
    void anEditorOfAnotherPublisherSeesNoneOfItsDraftsMediaOrReviewQueue() {
        String centre = createPublisher();
        Map<String, Object> body = article(centre, uniqueSlug("secret"));
        body.put("status", "draft");
        body.put("title", "甲中心尚未发布的草稿");
        String id = createArticleId(body);
        Map<String, Object> waiting = article(centre, uniqueSlug("waiting"));
        waiting.put("status", "draft");
        waiting.put("title", "甲中心等待审核的稿件");
        String waitingId = createArticleId(waiting);
        json().body(Map.of("note", "请审核"))
                .post("/api/v1/articles/" + waitingId + "/submission")
                .then()
                .statusCode(200);
        MediaFixtures.upload(centre, "甲中心未用的图.jpg", MediaFixtures.jpeg(200, 150, 9), "image/jpeg", Map.of());

        signIn(createAccount("editor", createPublisher()));
        chromium.await(ExpectedConditions.attributeToBe(By.id("drafts"), "aria-busy", "false"));
        chromium.await(ExpectedConditions.attributeToBe(By.id("review"), "aria-busy", "false"));
        assertFalse(chromium.text("#drafts").contains("甲中心尚未发布的草稿"), chromium.text("#drafts"));
        assertEquals("暂无内容。", chromium.text("#drafts + .list-status"));
        assertEquals("暂无内容。", chromium.text("#review + .list-status"), "not their review queue");
        open("#/media");
        chromium.await(ExpectedConditions.attributeToBe(By.id("media-grid"), "aria-busy", "false"));
        assertEquals("暂无内容。", chromium.text("#media-grid + .list-status"), "not their library");
        expectedStatuses.add(404);
        open("#/articles/" + id);
        chromium.await(d -> !d.findElements(By.cssSelector("main .error")).isEmpty());
        assertEquals("找不到该内容，可能已被删除，或您无权查看。", chromium.text("main .error"));
    }

    @Test
    void unsavedChangesSurviveAReloadAndTheStudioSpeaksEnglishBySwitch() {
        String centre = createPublisher();
        String editor = createAccount("editor", centre);
        signIn(editor);
        open("#/articles/new");
        type("#field-title", "未保存的标题");
        chromium.await(d -> chromium.script("return localStorage.getItem('studio.draft.new')") != null);
        browser.navigate().refresh();
        chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("local-draft")));
        find("#restore-local").click();
        assertEquals("未保存的标题", find("#field-title").getAttribute("value"));

        find("button.language").click();
        chromium.await(d -> "en".equals(chromium.script("return document.documentElement.lang")));
        assertTrue(chromium.text("header nav").contains("Articles"), chromium.text("header nav"));
        assertEquals("Title", chromium.text("label[for='field-title']"));
        chromium.screenshot("studio-editor-en");
        find("button.language").click();

        // a wrong password is told in words, and nothing signs in
        find("button.sign-out").click();
        chromium.await(d -> !d.findElements(By.id("login")).isEmpty());
        type("#login", editor);
        type("#password", "不是这个密码不是这个密码");
        expectedStatuses.add(401);
        find("form button[type=submit]").click();
        chromium.await(d -> !chromium.text("#sign-in-error").isEmpty());
        assertEquals("登录名或密码不正确。", chromium.text("#sign-in-error"));
        assertFalse(browser.findElements(By.cssSelector("button.sign-out")).size() > 0);
    }

    @Test
    void anArticleScheduledInTheStudioGoesOutExactlyAtItsTime() {
        String centre = createPublisher();
        signIn(createAccount("editor", centre));
        open("#/articles/new");
        type("#field-title", "定时发布的公益金公告");
        find(".ProseMirror").sendKeys("公告正文。");
        Instant at = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        String local = LocalDateTime.ofInstant(at, SHANGHAI).toString();
        chromium.script(
                "const input = document.getElementById('field-publishedAt'); input.value = arguments[0];"
                        + " input.dispatchEvent(new Event('input'))",
                local);
        find("#action-publish").click();
        chromium.await(d -> d.getCurrentUrl().matches(".*#/articles/[0-9a-f-]{36}$"));
        awaitStatus("定时发布");
        String id = browser.getCurrentUrl().replaceAll(".*#/articles/", "");
        json().get("/api/v1/articles/" + id)
                .then()
                .body("status", equalTo("scheduled"))
                .body("publishedAt", equalTo(at.toString()));
        open("#/");
        chromium.await(ExpectedConditions.attributeToBe(By.id("scheduled"), "aria-busy", "false"));
        String shown = chromium.text("#scheduled li[data-id='" + id + "'] time");
        assertEquals(local.replace('T', ' '), shown, "the time is shown in Beijing time");
        chromium.screenshot("studio-scheduled");

        // `at` is a whole minute, so it lies 0–60 s after "now + 59 min": the browser steps above take seconds of
        // real time, which the test clock follows, so the clock is set relative to `at` itself
        clock.setTo(at.minusSeconds(30));
        scheduler.runDue();
        given().get("/api/v1/articles/" + id).then().statusCode(404);
        clock.setTo(at.plusSeconds(1));
        scheduler.runDue();
        given().get("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("published"))
                .body("release.scheduledFor", equalTo(at.toString()));
        open("#/articles/" + id);
        awaitStatus("已发布");
    }

    @Test
    void pastingFromWordKeepsTheStructureDropsTheStylingAndSaysWhatItLeftOut() {
        String centre = createPublisher();
        signIn(createAccount("editor", centre));
        open("#/articles/new");
        type("#field-title", "从Word粘贴的公告");
        expectedStatuses.add(400); // the import of the image of another site, which cannot be fetched here
        paste(
                "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body><!--StartFragment-->"
                        + "<p class=MsoNormal style='mso-margin-top-alt:auto'><b><span style='font-size:14.0pt;"
                        + "font-family:宋体;mso-bidi-font-family:\"Times New Roman\"'>温州市福彩公益金使用情况</span></b></p>"
                        + "<p class=MsoNormal><span style='color:red'>全年筹集公益金</span><span lang=EN-US>5.1</span>亿元。"
                        + "<o:p></o:p></p><ul><li class=MsoListParagraph style='mso-list:l0 level1 lfo1'>养老服务</li>"
                        + "<li class=MsoListParagraph>助学</li></ul>"
                        + "<table class=MsoTableGrid border=1 style='border-collapse:collapse'><tr><td width=200 valign=top"
                        + " style='width:150pt'><p class=MsoNormal>项目</p></td><td><p>金额</p></td></tr></table>"
                        + "<p><img width=200 src=\"https://www.example.com/wechat/photo.jpg\"></p><!--EndFragment--></body></html>");
        // the service cannot fetch it (no such host here): it is left out, and the editor told
        chromium.await(d -> chromium.text("#form-status").contains("1 张其他网站的图片未能转存"));
        find("#action-save").click();
        chromium.await(d -> d.getCurrentUrl().matches(".*#/articles/[0-9a-f-]{36}$"));
        awaitStatus("草稿");
        String id = browser.getCurrentUrl().replaceAll(".*#/articles/", "");
        String body = json().get("/api/v1/articles/" + id).path("body");
        assertTrue(body.startsWith("<p><strong>温州市福彩公益金使用情况</strong></p><p>全年筹集公益金5.1亿元。</p>"), body);
        assertTrue(body.contains("<ul><li><p>养老服务</p></li><li><p>助学</p></li></ul>"), body);
        assertTrue(body.contains("<table><tbody><tr><td><p>项目</p></td><td><p>金额</p></td></tr></tbody></table>"), body);
        for (String gone : List.of("mso", "style", "span", "class", "example.com", "<img", "o:p")) {
            assertFalse(body.contains(gone), gone + " is gone: " + body);
        }
    }

    @Test
    void pastingAWeChatArticleImportsItsImagesIntoTheLibrary() throws IOException {
        List<String> referers = new CopyOnWriteArrayList<>();
        byte[] photo = MediaFixtures.jpeg(320, 240, 77);
        HttpServer wechat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        wechat.createContext("/", exchange -> {
            try (exchange) {
                referers.add(String.valueOf(exchange.getRequestHeaders().getFirst("Referer")));
                boolean found = exchange.getRequestURI().getPath().equals("/mmbiz_jpg/abc/640");
                exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
                exchange.sendResponseHeaders(found ? 200 : 404, found ? photo.length : -1);
                if (found) {
                    exchange.getResponseBody().write(photo);
                }
            }
        });
        wechat.start();
        try {
            String site = "http://127.0.0.1:" + wechat.getAddress().getPort();
            String centre = createPublisher();
            signIn(createAccount("editor", centre));
            open("#/articles/new");
            type("#field-title", "转自微信公众号的文章");
            expectedStatuses.add(400); // the import of the image the site answers 404 for
            // as a WeChat article is copied: images load lazily from data-src, src a grey placeholder
            paste("<section><p>重阳节慰问活动</p><p><img data-src=\"" + site + "/mmbiz_jpg/abc/640?wx_fmt=jpeg\""
                    + " src=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E\" alt=\"慰问老人\"></p>"
                    + "<p>活动现场</p><p><img src=\"" + site + "/mmbiz_jpg/gone/640\"></p></section>");
            chromium.await(d -> chromium.text("#form-status").contains("未能转存"));
            assertEquals("1 张其他网站的图片未能转存，已略去（1 张已转存）；请先保存图片，再用“插入图片”上传。", chromium.text("#form-status"));
            assertEquals("慰问老人", find(".ProseMirror img").getAttribute("alt"));
            assertTrue(
                    find(".ProseMirror img").getAttribute("src").contains("/api/v1/media-files/"),
                    find(".ProseMirror img").getAttribute("src"));
            chromium.screenshot("studio-paste-import");
            find("#action-save").click();
            chromium.await(d -> d.getCurrentUrl().matches(".*#/articles/[0-9a-f-]{36}$"));
            awaitStatus("草稿");
            String id = browser.getCurrentUrl().replaceAll(".*#/articles/", "");
            String body = json().get("/api/v1/articles/" + id).path("body");
            Map<String, Object> item =
                    json().queryParam("publisher", centre).get("/api/v1/media").path("items[0]");
            assertEquals(site + "/mmbiz_jpg/abc/640", item.get("sourceUrl"));
            assertTrue(body.contains("<img src=\"" + item.get("url") + "\" alt=\"慰问老人\">"), body);
            assertTrue(body.contains("<p>重阳节慰问活动</p>") && body.contains("<p>活动现场</p>"), body);
            assertFalse(body.contains("127.0.0.1"), body);
            assertEquals(List.of("null", "null"), referers, "fetched by the service, without Referer");

            // the library says where the item came from
            open("#/media");
            chromium.await(ExpectedConditions.attributeToBe(By.id("media-grid"), "aria-busy", "false"));
            find("#media-grid li button").click();
            chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("media-source")));
            assertEquals("转存自 " + site + "/mmbiz_jpg/abc/640", chromium.text("#media-source"));
            assertEquals(site + "/mmbiz_jpg/abc/640", find("#media-source a").getAttribute("href"));
        } finally {
            wechat.stop(0);
        }
    }

    @Test
    void whatTheEditorWritesIsWhatTheServiceKeepsAndHistoryRestoresIt() {
        String centre = createPublisher();
        String image = MediaFixtures.upload(centre, "大厅.jpg", MediaFixtures.jpeg(320, 240, 3), "image/jpeg", Map.of())
                .path("url");
        String path = URI.create(image).getRawPath();
        signIn(createAccount("editor", centre));
        open("#/articles/new");
        type("#field-title", "编辑器与服务端一致");
        paste("<h2>二级标题</h2><h3>三级标题</h3><h4>四级标题</h4>"
                + "<p>普通<strong>加粗</strong><em>斜体</em><u>下划线</u><code>code</code>"
                + "<a href=\"https://www.cwl.gov.cn/\">中国福彩网</a></p>"
                + "<ul><li><p>一</p><ul><li><p>一之一</p></li></ul></li></ul><ol start=\"3\"><li><p>三</p></li></ol>"
                + "<blockquote><p>引文</p></blockquote><pre><code>代码块</code></pre>"
                + "<table><tbody><tr><th><p>项目</p></th><th><p>金额</p></th></tr>"
                + "<tr><td><p>养老</p></td><td><p>743.9万元</p></td></tr></tbody></table>"
                + "<img src=\"" + path + "\" alt=\"销售大厅\"><p>末段</p>");
        find("#action-save").click();
        chromium.await(d -> d.getCurrentUrl().matches(".*#/articles/[0-9a-f-]{36}$"));
        awaitStatus("草稿");
        String id = browser.getCurrentUrl().replaceAll(".*#/articles/", "");
        String saved = json().get("/api/v1/articles/" + id).path("body");
        for (String kept : List.of(
                "<h2>二级标题</h2><h3>三级标题</h3><h4>四级标题</h4>",
                "<strong>加粗</strong><em>斜体</em><u>下划线</u><code>code</code>",
                "<a href=\"https://www.cwl.gov.cn/\" rel=\"nofollow noopener\">中国福彩网</a>",
                "<ul><li><p>一</p><ul><li><p>一之一</p></li></ul></li></ul><ol start=\"3\"><li><p>三</p></li></ol>",
                "<blockquote><p>引文</p></blockquote><pre><code>代码块</code></pre>",
                "<th><p>项目</p></th>",
                "<img src=\"" + image + "\" alt=\"销售大厅\">",
                "<p>末段</p>")) {
            assertTrue(saved.contains(kept), kept + " is kept: " + saved);
        }

        // the preview: the draft drawn by the public page, as readers will see it, marked as a preview
        find("#action-preview").click();
        String preview = find("#preview-link").getAttribute("href");
        assertTrue(preview.contains("/disclosures/#/previews/"), preview);
        browser.get(preview);
        chromium.await(d -> "ready".equals(chromium.script("return document.body.dataset.state")));
        assertEquals("编辑器与服务端一致", chromium.text("#article-title"));
        assertTrue(chromium.text("#preview-note").startsWith("预览"), chromium.text("#preview-note"));
        assertEquals("四级标题", chromium.text("#article .body h4"));
        assertEquals("743.9万元", chromium.text("#article .body table tr:nth-child(2) td:nth-child(2)"));
        chromium.await(
                d -> chromium.script(
                        "const img = document.querySelector('#article .body img'); return img.complete && img.naturalWidth > 0"));
        chromium.screenshot("studio-preview");
        given().get("/api/v1/articles/" + id).then().statusCode(404);

        // the saved text, read back into the editor and saved again, is the same: nothing was lost either way
        open("#/articles/" + id);
        chromium.await(d -> !d.findElements(By.cssSelector(".ProseMirror h4")).isEmpty());
        find("#field-title").sendKeys("（二）");
        find("#action-save").click();
        chromium.await(d -> "已保存。".equals(chromium.text("#form-status")));
        json().get("/api/v1/articles/" + id).then().body("body", equalTo(saved)).body("title", equalTo("编辑器与服务端一致（二）"));
        json().get("/api/v1/articles/" + id + "/revisions?limit=1")
                .then()
                .body("items[0].changedFields", contains("title"));

        // history: the change word by word, and a restore as a new version
        chromium.await(ExpectedConditions.attributeToBe(By.id("revisions"), "aria-busy", "false"));
        find("#revisions li[data-number='2'] button").click();
        chromium.await(d -> !d.findElements(By.cssSelector("#diff .change[data-field='title'] ins"))
                .isEmpty());
        assertEquals("（二）", chromium.text("#diff .change[data-field='title'] ins"));
        chromium.screenshot("studio-history");
        find("#revisions li[data-number='1'] button").click();
        chromium.await(d -> chromium.text("#diff").contains("这是第一版。"));
        find("#restore-revision").click();
        chromium.await(d -> "已恢复，成为新的一版。".equals(chromium.text("#form-status")));
        assertEquals("编辑器与服务端一致", find("#field-title").getAttribute("value"));
        json().get("/api/v1/articles/" + id + "/revisions?limit=1")
                .then()
                .body("items[0].action", equalTo("restore"))
                .body("items[0].restoredFrom", equalTo(1));
    }

    @Test
    void anEditorEntersAFundFigureAsPrintedSeesTheExactYuanAndCorrectsItWithAReason() {
        String centre = createPublisher();
        String report = MediaFixtures.upload(
                        centre,
                        "2023年公益金公告.pdf",
                        MediaFixtures.pdfWithText(List.of(
                                List.of("2023年度福彩公益金使用情况公告"),
                                List.of("一、公益金筹集情况", "全年筹集公益金超过5.1亿元。"),
                                List.of("二、公益金使用情况"))),
                        "application/pdf",
                        Map.of())
                .path("id");
        signIn(createAccount("editor", centre));
        open("#/figures/new");
        type("#figure-amount", "超过5.1亿元");
        assertEquals("510,000,000.00", chromium.text("#amount-yuan"), "the exact yuan, before saving");
        assertEquals("多于： 510,000,000.00 元", chromium.text("#amount-preview"));
        type("#figure-year", "2023");
        new Select(find("#figure-granularity")).selectByValue("QUARTER");
        new Select(find("#figure-part")).selectByVisibleText("第2季度");
        new Select(find("#region-province")).selectByValue("330000");
        chromium.await(d -> !d.findElements(By.cssSelector("#region-prefecture option[value='330300']"))
                .isEmpty());
        new Select(find("#region-prefecture")).selectByValue("330300");
        find("#region-add").click();
        new Select(find("#figure-flow")).selectByValue("raised");
        type("#figure-sourceUrl", "https://www.example.org/news/2024/0101.html");
        type("#figure-quote", "全年筹集公益金超过5.1亿元");
        chromium.await(d -> !d.findElements(By.cssSelector("#figure-document option[value='" + report + "']"))
                .isEmpty());
        // the report's page that states it, found by its number
        find("#figure-find").sendKeys("5.1亿元", Keys.ENTER);
        chromium.await(
                d -> !d.findElements(By.cssSelector("#figure-found li button")).isEmpty());
        assertEquals("2023年公益金公告.pdf · 第 2 页", chromium.text("#figure-found li button"));
        assertEquals("5.1亿元", chromium.text("#figure-found li mark"));
        chromium.screenshot("studio-figure-find");
        find("#figure-found li button").click();
        assertEquals(
                report,
                new Select(find("#figure-document")).getFirstSelectedOption().getAttribute("value"));
        assertEquals("2", find("#figure-page").getAttribute("value"));
        chromium.screenshot("studio-figure");
        find("#figure-save").click();
        chromium.await(d -> d.getCurrentUrl().matches(".*#/figures/fund/[0-9a-f-]{36}$"));
        String id = browser.getCurrentUrl().replaceAll(".*#/figures/fund/", "");
        json().get("/api/v1/fund-figures/" + id)
                .then()
                .statusCode(200)
                .body("amount.amount", equalTo("510000000.00"))
                .body("qualifier", equalTo("over"))
                .body("printed.value", equalTo("5.1"))
                .body("printed.unit", equalTo("亿元"))
                .body("fund.flow", equalTo("raised"))
                .body("regionCode", equalTo("330300"))
                .body("period.start", equalTo("2023-04-01"))
                .body("period.end", equalTo("2023-06-30"))
                .body("period.granularity", equalTo("QUARTER"))
                .body("source.quote", equalTo("全年筹集公益金超过5.1亿元"))
                .body("source.document.id", equalTo(report))
                .body("source.page", equalTo(2));

        type("#figure-amount", "5.2亿元");
        assertEquals("精确值： 520,000,000.00 元", chromium.text("#amount-preview"));
        type("#figure-reason", "按年度公告更正");
        find("#figure-correct").click();
        chromium.await(d -> d.findElements(By.cssSelector("#figure-history li")).size() == 2);
        assertTrue(chromium.text("#figure-history li[data-revision='1']").contains("超过5.1亿元 = 510,000,000.00 元"));
        String corrected = chromium.text("#figure-history li[data-revision='2']");
        assertTrue(corrected.contains("#2 更正 5.2亿元 = 520,000,000.00 元") && corrected.contains("按年度公告更正"), corrected);
        chromium.screenshot("studio-figure-history");
        json().get("/api/v1/fund-figures/" + id + "/revisions")
                .then()
                .body("items.action", contains("created", "corrected"))
                .body("items[1].figure.amount.amount", equalTo("520000000.00"))
                .body("items[1].reason", equalTo("按年度公告更正"));

        // what does not read as an amount is said beside the field, and nothing is written
        open("#/figures/new");
        type("#figure-amount", "五亿多元");
        assertTrue(chromium.text("#amount-preview").startsWith("读不出金额"), chromium.text("#amount-preview"));
        find("#figure-save").click();
        assertTrue(chromium.text("#figure-error-amount").startsWith("读不出金额"));
        json().queryParam("publisher", centre)
                .get("/api/v1/fund-figures")
                .then()
                .body("items.id", contains(id));
    }

    @Test
    void anEditorImportsACsvAfterAPreviewOfEveryRowWithItsProblemsAndNothingIsWrittenUntilThen() throws IOException {
        String centre = createPublisher();
        String header = "publisher,regionCode,periodStart,periodEnd,granularity,lotteryType,printedValue,printedUnit,"
                + "qualifier,sourceUrl,flow\n";
        String bad = header
                + centre + ",330300,2024-01-01,2024-12-31,YEAR,welfare,5.1,亿元,over,https://www.example.org/1,raised\n"
                + centre + ",339999,2024-01-01,2024-12-31,YEAR,welfare,20,千元,exact,https://www.example.org/2,raised\n"
                + centre + ",330302,2024-01-01,2024-12-31,YEAR,welfare,743.9,万元,exact,https://www.example.org/3,used\n";
        Path file = Files.createTempDirectory("studio").resolve("2024年公益金.csv");
        Files.writeString(file, "\uFEFF" + bad);
        signIn(createAccount("editor", centre));
        open("#/figures");
        find("#import-figures").click();
        find("#import-file").sendKeys(file.toString());
        chromium.await(
                d -> d.findElements(By.cssSelector("#import-rows tbody tr")).size() == 3);
        assertEquals("510,000,000.00", chromium.text("#import-rows tr[data-row='1'] td.amount"));
        assertEquals("7,439,000.00", chromium.text("#import-rows tr[data-row='3'] td.amount"));
        String problems = chromium.text("#import-rows tr[data-row='2']");
        assertTrue(problems.contains("regionCode: 未知的地区代码"), problems);
        assertTrue(problems.contains("printedUnit: 应为 元, 万元, 亿元 之一，文件里是“千元”"), problems);
        assertTrue(chromium.text("#import-status").contains("2 个问题"), chromium.text("#import-status"));
        assertFalse(find("#import-run").isEnabled(), "a file with problems does not import");
        chromium.screenshot("studio-import-preview");
        json().queryParam("publisher", centre)
                .get("/api/v1/fund-figures")
                .then()
                .body("items", hasSize(0));

        // corrected, and saved as Excel on a Chinese Windows saves CSV: GBK, no byte-order mark
        Files.write(file, bad.replace("339999", "330304").replace("千元", "万元").getBytes(Charset.forName("GBK")));
        find("#import-file").clear();
        find("#import-file").sendKeys(file.toString());
        chromium.await(d -> find("#import-run").isEnabled());
        assertEquals("200,000.00", chromium.text("#import-rows tr[data-row='2'] td.amount"));
        assertEquals("超过5.1亿元", chromium.text("#import-rows tr[data-row='1'] td:nth-child(4)"));
        assertTrue(
                chromium.text("#import-status").contains("文件不是 UTF-8，已按 GBK（GB18030）读取"),
                chromium.text("#import-status"));
        json().queryParam("publisher", centre)
                .get("/api/v1/fund-figures")
                .then()
                .body("items", hasSize(0));
        find("#import-run").click();
        chromium.await(d -> d.findElements(By.cssSelector("#imported li")).size() == 3);
        assertEquals("已导入 3 条。", chromium.text("#import-status"));
        json().queryParam("publisher", centre)
                .get("/api/v1/fund-figures")
                .then()
                .body("items", hasSize(3))
                .body("items.find { it.regionCode == '330300' }.amount.amount", equalTo("510000000.00"))
                .body("items.find { it.regionCode == '330300' }.qualifier", equalTo("over"))
                .body("items.find { it.regionCode == '330302' }.amount.amount", equalTo("7439000.00"))
                .body("items.find { it.regionCode == '330302' }.fund.flow", equalTo("used"))
                .body("items.find { it.regionCode == '330304' }.amount.amount", equalTo("200000.00"));
    }

    @Test
    void theMediaLibraryUploadsWithProgressSaysWhyAFileIsRefusedAndKeepsAltTextInBothLanguages() throws IOException {
        String centre = createPublisher();
        signIn(createAccount("editor", centre));
        open("#/media");
        chromium.await(ExpectedConditions.attributeToBe(By.id("media-grid"), "aria-busy", "false"));
        assertEquals("暂无内容。", chromium.text("#media-grid + .list-status"));
        Path photo = Files.createTempFile("大厅", ".jpg");
        Files.write(photo, MediaFixtures.jpeg(800, 600, 11));
        Path fake = Files.createTempFile("不是图片", ".jpg");
        Files.writeString(fake, "这不是图片，只是文字。");
        expectedStatuses.add(415);
        find("#media-files").sendKeys(photo + "\n" + fake);
        chromium.await(d -> d.findElements(By.cssSelector("#media-grid li")).size() == 1
                && d.findElements(By.cssSelector("#uploads li.error")).size() == 1);
        assertEquals(
                "1",
                chromium.script("return String(document.querySelector('#uploads li:not(.error) progress').value)"));
        String refused = chromium.text("#uploads li.error");
        assertTrue(refused.contains(fake.getFileName().toString()) && refused.contains("不支持这种文件类型"), refused);
        chromium.await(d -> chromium.script(
                "const img = document.querySelector('#media-grid img'); return img.complete && img.naturalWidth > 0"));
        chromium.screenshot("studio-media");

        find("#media-grid li button").click();
        type("#media-alt", "福彩销售大厅");
        type("#media-altEn", "The welfare lottery sales hall");
        find("#media-save").click();
        chromium.await(d -> "已保存。".equals(chromium.text("#media-status")));
        String id = find("#media-grid li").getAttribute("data-id");
        json().get("/api/v1/media/" + id)
                .then()
                .body("alt", equalTo("福彩销售大厅"))
                .body("translations[0].locale", equalTo("en"))
                .body("translations[0].alt", equalTo("The welfare lottery sales hall"))
                .body("publisher.slug", equalTo(centre));
        json().queryParam("publisher", centre).get("/api/v1/media").then().body("items.id", contains(id));

        // where it is used: a draft that has it as cover, for the publisher's people only
        Map<String, Object> article = article(centre, uniqueSlug("cover"));
        article.put("status", "draft");
        article.put("title", "以销售大厅为封面的草稿");
        article.put("coverImageId", id);
        String articleId = createArticleId(article);
        json().get("/api/v1/media/" + id + "/uses")
                .then()
                .statusCode(200)
                .body("kind", contains("article"))
                .body("id", contains(articleId))
                .body("visible", contains(false));
        person("editor", createPublisher())
                .cookieOnly()
                .get("/api/v1/media/" + id + "/uses")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        find("#media-grid li button").click();
        chromium.await(d -> chromium.text("#media-uses").contains("以销售大厅为封面的草稿"));
        assertEquals("以销售大厅为封面的草稿 · 未公开", chromium.text("#media-uses li"));

        // the focal point: a click where the subject is, then the arrow keys; the crops follow, and so does the cover
        assertEquals("焦点：左起 50%，上起 50%", chromium.text("#focal-status"));
        WebElement picture = find("#focal-area img");
        new Actions(chromium.driver())
                .moveToElement(picture, -picture.getSize().width / 4, -picture.getSize().height / 4)
                .click()
                .perform();
        chromium.await(d -> chromium.text("#focal-status").matches("焦点：左起 2[4-6]%，上起 2[4-6]%"));
        find("#focal-area").sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        chromium.await(d -> chromium.text("#focal-status").matches("焦点：左起 3[4-6]%，上起 2[4-6]%"));
        chromium.screenshot("studio-media-focal");
        find("#media-save").click();
        chromium.await(d -> "已保存。".equals(chromium.text("#media-status")));
        Response saved = json().get("/api/v1/media/" + id);
        float x = saved.path("focalPoint.x");
        float y = saved.path("focalPoint.y");
        assertTrue(Math.abs(x - 0.35) < 0.012 && Math.abs(y - 0.25) < 0.012, x + " " + y);
        for (String crop : List.of(".focal-crop.square", ".focal-crop.wide")) {
            String position = (String) chromium.script(
                    "return getComputedStyle(document.querySelector(arguments[0])).objectPosition", crop);
            String[] percents = position.replace("%", "").split(" ");
            assertTrue(
                    Math.abs(Double.parseDouble(percents[0]) - x * 100) < 0.01
                            && Math.abs(Double.parseDouble(percents[1]) - y * 100) < 0.01,
                    crop + " at " + position);
        }
        json().get("/api/v1/articles/" + articleId)
                .then()
                .body("coverImage.focalPoint.x", equalTo(x))
                .body("coverImage.focalPoint.y", equalTo(y));
    }

    @Test
    void theMediaLibraryFindsThePageOfAReportThatSaysTheWords() {
        String centre = createPublisher();
        MediaFixtures.upload(
                        centre,
                        "2023年公益金公告.pdf",
                        MediaFixtures.pdfWithScans(
                                List.of(
                                        List.of("2023年度福彩公益金使用情况公告"),
                                        List.of("二、公益金使用情况", "资助养老服务机构12家。"),
                                        List.of("三、资助残疾人康复中心3家")),
                                Set.of(3)),
                        "application/pdf",
                        Map.of("title", "2023年公益金公告"))
                .then()
                .statusCode(201);
        MediaFixtures.readScannedPages();
        signIn(createAccount("editor", centre));
        open("#/media");
        chromium.await(ExpectedConditions.attributeToBe(By.id("media-grid"), "aria-busy", "false"));
        find("#media-search").sendKeys("养老", Keys.ENTER);
        chromium.await(d -> !d.findElements(By.cssSelector("#media-pages li a")).isEmpty());
        assertEquals("PDF 正文里有这些词的页", chromium.text("#media-pages h2"));
        WebElement hit = find("#media-pages li a");
        assertEquals("2023年公益金公告 · 第 2 页", hit.getText());
        assertTrue(hit.getAttribute("href").endsWith("/original#page=2"), hit.getAttribute("href"));
        assertEquals("养老", chromium.text("#media-pages li mark"));
        assertEquals("暂无内容。", chromium.text("#media-grid + .list-status"), "no title says 养老");
        chromium.screenshot("studio-media-pdf-search");
        assertTrue(find("#media-pages").findElements(By.cssSelector(".ocr")).isEmpty(), "page 2 has its own text");

        // page 3 is a scan: OCR read it, and the hit says so
        type("#media-search", "康复");
        find("#media-search").sendKeys(Keys.ENTER);
        chromium.await(d -> chromium.text("#media-pages li a").endsWith("第 3 页"));
        assertEquals("扫描页：文字为机器识别，可能有误", chromium.text("#media-pages li .ocr"));

        // the PDF's detail says how much of it search finds
        find("#media-search").clear();
        find("#media-search").sendKeys(Keys.ENTER);
        chromium.await(d -> d.findElements(By.cssSelector("#media-grid li")).size() == 1);
        find("#media-grid li button").click();
        chromium.await(d -> !chromium.text("#media-text").isEmpty());
        assertEquals("可搜索 3 / 3 页（其中 1 页为扫描页，由 OCR 识别）", chromium.text("#media-text"));

        type("#media-search", "火星");
        find("#media-search").sendKeys(Keys.ENTER);
        chromium.await(d -> !find("#media-pages").isDisplayed());
    }

    @Test
    void anAdminMakesATokenSeesItsSecretOnceAndFindsTheWriteInTheAuditLog() {
        String centre = createPublisher();
        signIn(createAccount("admin", null));
        chromium.await(ExpectedConditions.attributeToBe(By.id("failing"), "aria-busy", "false"));
        open("#/tokens");
        String name = uniqueSlug("镜像站点");
        type("#token-name", name);
        new Select(find("#token-role")).selectByValue("reader");
        type("#token-publisher", centre);
        find("#token-create").click();
        chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("token-secret")));
        String secret = chromium.text("#token-secret-value");
        assertTrue(find("#token-copy").isDisplayed());
        chromium.await(d -> chromium.text("#tokens").contains(name));
        chromium.screenshot("studio-tokens");
        // the secret works, once shown; the list never shows it again
        given().header("Authorization", "Bearer " + secret)
                .queryParam("publisher", centre)
                .queryParam("status", "draft")
                .get("/api/v1/articles")
                .then()
                .statusCode(200);
        assertFalse(chromium.text("#tokens").contains(secret));
        browser.navigate().refresh();
        chromium.await(ExpectedConditions.attributeToBe(By.id("tokens"), "aria-busy", "false"));
        assertTrue(browser.findElements(By.id("token-secret-value")).isEmpty(), "shown once");

        String tokenId = json().get("/api/v1/tokens?limit=100")
                .jsonPath()
                .param("name", name)
                .getString("items.find { it.name == name }.id");
        open("#/audit?resourceId=" + tokenId);
        chromium.await(ExpectedConditions.attributeToBe(By.id("audit"), "aria-busy", "false"));
        assertEquals(
                1, browser.findElements(By.cssSelector("#audit-list tbody tr")).size());
        assertTrue(chromium.text("#audit-list tbody tr").contains(tokenId), chromium.text("#audit-list"));
    }

    @Test
    void anEditorChoosesACoverFromTheLibraryWithAnAltTextOfItsOwn() {
        String centre = createPublisher();
        String image = MediaFixtures.upload(
                        centre, "敬老院.jpg", MediaFixtures.jpeg(900, 600, 5), "image/jpeg", Map.of("alt", "敬老院外景"))
                .path("id");
        signIn(createAccount("editor", centre));
        open("#/articles/new");
        type("#field-title", "重阳节慰问敬老院");
        find("#cover-choose").click();
        find("#cover-choices li[data-id='" + image + "'] button").click();
        chromium.await(
                d -> chromium.script(
                        "const img = document.querySelector('#cover-preview img'); return img && img.complete && img.naturalWidth > 0"));
        assertEquals("敬老院外景", find("#field-coverImageAlt").getAttribute("value"));
        type("#field-coverImageAlt", "工作人员看望敬老院的老人");
        find("#action-save").click();
        chromium.await(d -> d.getCurrentUrl().matches(".*#/articles/[0-9a-f-]{36}$"));
        awaitStatus("草稿");
        String id = browser.getCurrentUrl().replaceAll(".*#/articles/", "");
        json().get("/api/v1/articles/" + id)
                .then()
                .body("coverImage.id", equalTo(image))
                .body("coverImage.alt", equalTo("工作人员看望敬老院的老人"));
        assertEquals("工作人员看望敬老院的老人", find("#field-coverImageAlt").getAttribute("value"), "shown again after saving");
    }

    @Test
    void anAdminDisablesAnAccountItsSessionEndsAtOnceAndAResetPasswordSignsItInAgain() {
        Session editor = person("editor", createPublisher());
        editor.cookieOnly().get("/api/v1/session").then().statusCode(200);
        signIn(createAccount("admin", null));
        open("#/accounts");
        String row = "#account-list tr[data-login='" + editor.login() + "']";
        chromium.await(d -> !d.findElements(By.cssSelector(row)).isEmpty());
        find(row + " button.edit").click();
        new Select(find("#edit-status")).selectByValue("disabled");
        find("#edit-save").click();
        chromium.await(d -> "已保存。".equals(chromium.text("#edit-status-message")));
        chromium.await(d -> chromium.text(row).contains("已停用"));
        editor.cookieOnly().get("/api/v1/session").then().statusCode(401);
        json().get("/api/v1/accounts/" + editor.accountId()).then().body("status", equalTo("disabled"));

        new Select(find("#edit-status")).selectByValue("active");
        find("#edit-save").click();
        chromium.await(d -> chromium.text(row).contains("正常"));
        type("#edit-password", "重设之后的新密码2026年冬");
        find("#edit-reset").click();
        chromium.await(d -> chromium.text("#edit-status-message").startsWith("密码已重设"));
        signInResponse(editor.login(), "重设之后的新密码2026年冬").then().statusCode(201);
        signInResponse(editor.login(), PASSWORD).then().statusCode(401);
    }

    /** Pastes HTML into the editor as the clipboard would hand it over. */
    private void paste(String html) {
        find(".ProseMirror").click();
        chromium.script(
                "const data = new DataTransfer(); data.setData('text/html', arguments[0]);"
                        + " document.querySelector('.ProseMirror').dispatchEvent("
                        + "new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}))",
                html);
    }

    private void signIn(String login) {
        // first away from the app (a page of the same origin that runs nothing), so that no request of the last
        // person's page goes out without its cookie
        browser.get(studio + "studio.css");
        browser.manage().deleteAllCookies();
        chromium.script("localStorage.clear()");
        browser.get(studio + "#/sign-in");
        chromium.await(d -> !d.findElements(By.id("login")).isEmpty());
        type("#login", login);
        type("#password", PASSWORD);
        find("form button[type=submit]").click();
        chromium.await(d -> !d.findElements(By.cssSelector("button.sign-out")).isEmpty());
    }

    private void open(String hash) {
        browser.get(studio + hash);
        chromium.await(d ->
                !d.findElements(By.cssSelector("main > :not([role=status])")).isEmpty());
    }

    /** The element, once there; when it never comes, a screenshot (studio-failure.png) and what the page says. */
    private WebElement find(String selector) {
        try {
            return chromium.await(d -> d.findElement(By.cssSelector(selector)));
        } catch (TimeoutException e) {
            chromium.screenshot("studio-failure");
            throw new AssertionError(selector + " never appeared; the page says: " + chromium.text("body"), e);
        }
    }

    private void type(String selector, String text) {
        WebElement input = find(selector);
        input.clear();
        input.sendKeys(text);
    }

    private void tool(String label) {
        find(".toolbar button[aria-label='" + label + "']").click();
    }

    private void awaitStatus(String status) {
        chromium.await(d ->
                !d.findElements(By.id("article-status")).isEmpty() && status.equals(chromium.text("#article-status")));
    }
}
