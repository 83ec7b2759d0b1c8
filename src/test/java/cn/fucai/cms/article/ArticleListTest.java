package cn.fucai.cms.article;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.bilingualArticle;
import static cn.fucai.cms.support.TestData.createArticle;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.translation;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.ServerTiming;
import cn.fucai.cms.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class ArticleListTest {

    @Test
    void regionFilterIncludesSubRegions() {
        String publisher = createPublisher();
        Map<String, Object> lucheng = article(publisher, "lucheng");
        lucheng.put("regionCodes", List.of("330302"));
        Map<String, Object> zhengzhou = article(publisher, "zhengzhou");
        zhengzhou.put("regionCodes", List.of("410100"));
        createArticle(lucheng);
        createArticle(zhengzhou);

        assertEquals(List.of("lucheng"), slugs("publisher=" + publisher + "&region=330000"));
        assertEquals(List.of("lucheng"), slugs("publisher=" + publisher + "&region=330300"));
        assertEquals(List.of("lucheng"), slugs("publisher=" + publisher + "&region=330302"));
        assertEquals(List.of("zhengzhou"), slugs("publisher=" + publisher + "&region=410000"));
        assertEquals(
                List.of("lucheng", "zhengzhou"),
                slugs("publisher=" + publisher + "&region=000000&sort=title"),
                "equal titles: ties broken by time-ordered id");
        assertEquals(List.of(), slugs("publisher=" + publisher + "&region=330303"));
    }

    /** A region's newest are read from article_region, which the write transaction keeps: every write shows at once. */
    @Test
    void aRegionsListFollowsEveryWriteAndPagesInBothOrders() {
        String publisher = createPublisher();
        String p = "publisher=" + publisher;
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = article(publisher, "wenzhou-" + i);
            body.put("publishedAt", "2021-0" + (i + 1) + "-01T00:00:00Z");
            body.put("category", i % 2 == 0 ? "公告" : "新闻");
            if (i == 2) {
                body.put("translations", List.of(translation("en", "Wenzhou")));
            }
            bodies.add(body);
            ids.add(createArticleId(body));
        }
        Map<String, Object> draft = article(publisher, "wenzhou-draft");
        draft.put("status", "draft");
        draft.remove("publishedAt");
        String draftId = createArticleId(draft);

        List<String> newestFirst = List.of("wenzhou-4", "wenzhou-3", "wenzhou-2", "wenzhou-1", "wenzhou-0");
        assertEquals(newestFirst, slugsPaged(p + "&region=330000", 2));
        assertEquals(
                List.of("wenzhou-0", "wenzhou-1", "wenzhou-2", "wenzhou-3", "wenzhou-4"),
                slugsPaged(p + "&region=330300&sort=publishedAt", 2));
        assertEquals(List.of("wenzhou-4", "wenzhou-2", "wenzhou-0"), slugsPaged(p + "&region=330302&category=公告", 1));
        assertEquals(List.of("wenzhou-draft"), slugs(p + "&region=330000&status=draft"));
        assertEquals(List.of("wenzhou-2"), slugs(p + "&region=330000&locale=en"));
        assertEquals(
                List.of("wenzhou-3", "wenzhou-1"),
                slugs(p + "&region=330000&publishedFrom=2021-01-15&tag=温州" + "&category=新闻"));

        bodies.get(4).put("regionCodes", List.of("410100"));
        replace(ids.get(4), bodies.get(4));
        bodies.get(1).put("category", "公告");
        replace(ids.get(1), bodies.get(1));
        draft.put("status", "published");
        draft.put("publishedAt", "2022-01-01T00:00:00Z");
        replace(draftId, draft);
        admin().delete("/api/v1/articles/" + ids.get(3)).then().statusCode(204);

        assertEquals(
                List.of("wenzhou-draft", "wenzhou-2", "wenzhou-1", "wenzhou-0"),
                slugsPaged(p + "&region=330000", 3),
                "moved away, published, deleted");
        assertEquals(List.of("wenzhou-4"), slugs(p + "&region=410000"));
        assertEquals(List.of("wenzhou-2", "wenzhou-1", "wenzhou-0"), slugs(p + "&region=330000&category=公告"));
        assertEquals(List.of(), slugs(p + "&region=330000&status=draft"));
    }

    private static void replace(String id, Map<String, Object> body) {
        json().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
    }

    @Test
    void filtersByCategoryTagStatusLocaleAndPublicationDates() {
        String publisher = createPublisher();
        Map<String, Object> news = article(publisher, "news");
        news.put("publishedAt", "2021-04-02T00:00:00+08:00");
        news.put("translations", List.of(translation("en", "Conference in Jiaxing")));
        Map<String, Object> notice = article(publisher, "notice");
        notice.put("category", "公告");
        notice.put("tags", List.of("开奖"));
        notice.put("publishedAt", "2021-04-01T23:59:59+08:00");
        Map<String, Object> draft = article(publisher, "draft");
        draft.put("status", "draft");
        draft.remove("publishedAt");
        Map<String, Object> archived = article(publisher, "archived");
        archived.put("status", "archived");
        createArticle(news);
        createArticle(notice);
        createArticle(draft);
        createArticle(archived);

        String p = "publisher=" + publisher;
        assertEquals(List.of("news", "notice"), slugs(p), "published by default, newest first");
        assertEquals(List.of("draft"), slugs(p + "&status=draft"));
        assertEquals(List.of("archived"), slugs(p + "&status=archived"));
        assertEquals(List.of("notice"), slugs(p + "&category=公告"));
        assertEquals(List.of("notice"), slugs(p + "&tag=开奖"));
        assertEquals(List.of("news"), slugs(p + "&tag=温州"));
        assertEquals(List.of("news"), slugs(p + "&locale=en"));
        assertEquals(List.of("news", "notice"), slugs(p + "&locale=zh-CN"));
        assertEquals(
                List.of("news"), slugs(p + "&publishedFrom=2021-04-02"), "plain dates are China Standard Time days");
        assertEquals(List.of("notice"), slugs(p + "&publishedTo=2021-04-01"));
        assertEquals(List.of("notice"), slugs(p + "&publishedTo=2021-04-01T15:59:59Z"));
        assertEquals(List.of("news"), slugs(p + "&publishedFrom=2021-04-01T16:00:00Z&publishedTo=2021-04-02"));
    }

    @Test
    void summariesComeInTheRequestedLocaleWithoutBodies() {
        String publisher = createPublisher();
        createArticle(bilingualArticle(publisher, "bilingual", "English title"));
        createArticle(article(publisher, "chinese-only"));

        given().header("Accept-Language", "en")
                .get("/api/v1/articles?sort=title&publisher=" + publisher)
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].locale", equalTo("en"))
                .body("items[0].title", equalTo("English title"))
                .body("items[0].summary", equalTo("summary in en"))
                .body("items[0].availableLocales", equalTo(List.of("zh-CN", "en")))
                .body("items[1].locale", equalTo("zh-CN"))
                .body("items[1].title", equalTo("温州福彩2019年销量再破20亿"))
                .body("items[0]", not(hasKey("body")))
                .body("items[0].publisher.name", equalTo("温州市福利彩票发行中心"));
    }

    /**
     * A page is written from its summaries' kept JSON once they were listed: another list of the same articles (the
     * category adds a filter that leaves them all) reads no summary and sends byte for byte what the first listing
     * sent, in each locale; with a field set, the selected properties of the same summaries.
     */
    @Test
    void aPageOfKeptSummariesIsTheSameBytesAsTheFirstListing() {
        String publisher = createPublisher();
        createArticle(bilingualArticle(publisher, "kept-bilingual", "English title"));
        createArticle(article(publisher, "kept-chinese"));
        String list = "/api/v1/articles?sort=title&publisher=" + publisher;
        for (String language : List.of("zh-CN", "en")) {
            Response first = listed(list, language);
            Response kept = listed(list + "&category=本地新闻", language);
            assertEquals(
                    ServerTiming.statements(first) - 1,
                    ServerTiming.statements(kept),
                    "no statement reads summaries the first listing kept");
            assertEquals(first.asString(), kept.asString(), language);
            assertEquals(first.header("ETag"), kept.header("ETag"));
            Response selected = listed(list + "&category=本地新闻&fields=id,title,locale", language);
            assertEquals(
                    first.jsonPath().getList("items.title"), selected.jsonPath().getList("items.title"));
            assertEquals(
                    Set.of("id", "title", "locale"),
                    selected.jsonPath().getMap("items[0]").keySet());
        }
        assertEquals(
                List.of("English title", "温州福彩2019年销量再破20亿"),
                listed(list + "&category=本地新闻", "en").jsonPath().getList("items.title"));
    }

    private static Response listed(String url, String language) {
        Response response = given().header("Accept-Language", language)
                .header("Cache-Control", "no-cache")
                .get(url);
        response.then().statusCode(200).contentType(containsString("application/json"));
        return response;
    }

    @Test
    void sortsByEachKeyInBothDirections() {
        String publisher = createPublisher();
        Map<String, Object> a = article(publisher, "a");
        a.put("title", "B 标题");
        a.put("publishedAt", "2020-01-01T00:00:00Z");
        Map<String, Object> b = article(publisher, "b");
        b.put("title", "A 标题");
        b.put("publishedAt", "2021-01-01T00:00:00Z");
        Map<String, Object> c = article(publisher, "c");
        c.put("title", "C 标题");
        c.put("publishedAt", "2019-01-01T00:00:00Z");
        createArticle(a);
        createArticle(b);
        createArticle(c);
        String p = "publisher=" + publisher;
        assertEquals(List.of("b", "a", "c"), slugs(p));
        assertEquals(List.of("b", "a", "c"), slugs(p + "&sort=-publishedAt"));
        assertEquals(List.of("c", "a", "b"), slugs(p + "&sort=publishedAt"));
        assertEquals(List.of("b", "a", "c"), slugs(p + "&sort=title"));
        assertEquals(List.of("c", "a", "b"), slugs(p + "&sort=-title"));
        assertEquals(List.of("a", "b", "c"), slugs(p + "&sort=updatedAt"));
        assertEquals(List.of("c", "b", "a"), slugs(p + "&sort=-updatedAt"));
    }

    @Test
    void draftsWithoutDatesSortAsOldestAndPageCorrectly() {
        String publisher = createPublisher();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> draft = article(publisher, "undated-" + i);
            draft.put("status", "draft");
            draft.remove("publishedAt");
            createArticle(draft);
        }
        Map<String, Object> dated = article(publisher, "dated");
        dated.put("status", "draft");
        createArticle(dated);
        List<String> all = slugsPaged("publisher=" + publisher + "&status=draft", 2);
        assertEquals(6, all.size());
        assertEquals("dated", all.get(0));
        assertEquals(6, all.stream().distinct().count());
        List<String> ascending = slugsPaged("publisher=" + publisher + "&status=draft&sort=publishedAt", 4);
        assertEquals("dated", ascending.get(5));
    }

    @Test
    void linkHeaderPointsToTheNextPageAndTheLastPageHasNoCursor() {
        String publisher = createPublisher();
        for (int i = 0; i < 3; i++) {
            createArticle(article(publisher, "page-" + i));
        }
        Response first = given().get("/api/v1/articles?limit=2&publisher=" + publisher);
        first.then().statusCode(200).body("items", hasSize(2)).header("Link", containsString("rel=\"next\""));
        String link = first.header("Link");
        assertTrue(
                link.matches(
                        "</api/v1/articles\\?limit=2&publisher=" + publisher + "&cursor=[A-Za-z0-9_-]+>; rel=\"next\""),
                link);
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        given().urlEncodingEnabled(false)
                .get(next)
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("nextCursor", nullValue())
                .header("Link", nullValue());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "limit=0 | limit",
                "limit=101 | limit",
                "limit=ten | limit",
                "sort=popularity | sort",
                "status=deleted | status",
                "region=3303 | region",
                "region=339999 | region",
                "publisher=no-such-publisher | publisher",
                "locale=@@ | locale",
                "publishedFrom=yesterday | publishedFrom",
                "publishedTo=2021-13-01 | publishedTo",
                "cursor=bm90LWEtY3Vyc29y | cursor",
                "cursor=' or 1=1 -- | cursor"
            })
    void aBadQueryParameterIs400NamingIt(String query, String parameter) {
        expectBadParameter("/api/v1/articles?" + query, parameter);
    }

    @Test
    void aCursorOfAnotherQueryOrTamperedWithIs400NamingIt() {
        String url = "/api/v1/articles";
        String publisher = createPublisher();
        createArticle(article(publisher, "one"));
        createArticle(article(publisher, "two"));
        String cursor = given().get(url + "?limit=1&publisher=" + publisher).path("nextCursor");
        given().queryParam("cursor", cursor)
                .get(url + "?limit=1&sort=title&publisher=" + publisher)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("cursor"))
                .body("violations[0].message", containsString("another sort order"));
        String tampered = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(cursor))
                        .replaceAll("\u001f[^\u001f]*\u001f", "\u001fnot-a-time\u001f")
                        .getBytes(StandardCharsets.UTF_8));
        given().queryParam("cursor", tampered)
                .get(url + "?limit=1&publisher=" + publisher)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("cursor"));
    }

    @Test
    void injectionStringsInFiltersAreJustValues() {
        String publisher = createPublisher();
        createArticleId(article(publisher, "safe"));
        assertEquals(List.of(), slugs("publisher=" + publisher + "&category=' or '1'='1"));
        assertEquals(List.of(), slugs("publisher=" + publisher + "&tag=x'); drop table article; --"));
        assertEquals(List.of("safe"), slugs("publisher=" + publisher));
    }

    private static void expectBadParameter(String url, String parameter) {
        given().get(url)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo(parameter));
    }

    static List<String> slugs(String query) {
        return slugsPaged(query, 100);
    }

    static List<String> slugsPaged(String query, int limit) {
        return TestData.allPages("/api/v1/articles?limit=" + limit + "&" + query, "slug");
    }
}
