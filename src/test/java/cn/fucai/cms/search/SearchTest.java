package cn.fucai.cms.search;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.allPages;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.execute;
import static cn.fucai.cms.support.TestData.translation;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Recall, precision, ranking and highlighting on a small fixture of the sample articles' vocabulary. */
@QuarkusTest
class SearchTest {

    @Inject
    DataSource dataSource;

    private String publisher;
    private Map<String, String> ids;

    @BeforeEach
    void fixture() {
        publisher = createPublisher();
        ids = new HashMap<>();
        add("fund", "温州福彩公益金使用情况", "<p>全年投入福彩公益金743.9万元,受助者达3263人。</p>", "2020-01-06T11:49:00+08:00", null);
        add("lotto", "双色球开奖公告", "<p>本期双色球开奖,一等奖3注。</p>", "2020-01-07T00:00:00+08:00", null);
        add("split", "月度简报", "<p>社会公益。金额另行公布。生活幸福。彩虹出现。</p>", "2020-01-08T00:00:00+08:00", null);
        add(
                "conference",
                "全国福利彩票工作会议",
                "<p>会议在嘉兴召开。</p>",
                "2021-04-02T00:00:00+08:00",
                translation("en", "Welfare lottery conferences in Jiaxing"));
        add("title-hit", "助残项目启动", "<p>一个项目。</p>", "2019-01-01T00:00:00+08:00", null);
        add("body-hit", "年度回顾", "<p>今年开展助残活动。</p>", "2020-06-01T00:00:00+08:00", null);
        add("apart", "温州新闻", "<p>本地的福彩站点。</p>", "2020-02-01T00:00:00+08:00", null);
        add("older-twin", "站点巡查", "<p>星级站点巡查。</p>", "2018-01-01T00:00:00+08:00", null);
        add("newer-twin", "站点巡查", "<p>星级站点巡查。</p>", "2019-01-01T00:00:00+08:00", null);
    }

    private void add(String slug, String title, String body, String publishedAt, Map<String, Object> translation) {
        Map<String, Object> request = article(publisher, slug);
        request.put("title", title);
        request.put("summary", null);
        request.put("body", body);
        request.put("tags", List.of());
        request.put("publishedAt", publishedAt);
        if (translation != null) {
            request.put("translations", List.of(translation));
        }
        ids.put(slug, createArticleId(request));
    }

    private List<String> hits(String q) {
        return given().queryParam("q", q)
                .queryParam("publisher", publisher)
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .extract()
                .path("items.slug");
    }

    private ValidatableResponse searchOfThePublisher(String q) {
        return given().queryParam("q", q)
                .queryParam("publisher", publisher)
                .get("/api/v1/search")
                .then()
                .statusCode(200);
    }

    @Test
    void chineseWordsOfTwoOrMoreCharactersAreFoundWhereverTheyStand() {
        assertEquals(List.of("fund"), hits("公益金"));
        assertEquals(List.of("lotto"), hits("双色球"));
        assertEquals(List.of("fund"), hits("福彩公益"));
        assertEquals(Set.of("fund", "apart"), Set.copyOf(hits("温州 福彩")), "terms need not be adjacent");
        assertEquals(List.of(), hits("双色球 公益金"), "every term must match");
    }

    @Test
    void aWordSplitAcrossASentenceBoundaryIsNoHit() {
        assertEquals(List.of("fund"), hits("公益金"), "公益。金 in 'split' is not 公益金");
        assertEquals(List.of("fund"), hits("福彩 公益金"));
        assertEquals(false, hits("福彩").contains("split"), "幸福。彩虹 holds no 福彩");
    }

    @Test
    void quotedTextMatchesAsAPhrase() {
        assertEquals(List.of("fund"), hits("\"温州福彩\""));
        assertEquals(List.of("fund"), hits("\"温州 福彩\""), "spaces inside a quoted Chinese phrase carry no meaning");
        assertEquals(List.of("conference"), hits("\"lottery conferences\""));
        assertEquals(List.of(), hits("\"conferences lottery\""));

        // 福彩公益 is the bigrams 福彩 彩公 公益: here all three occur, in a title and a body, but never together
        add("scattered", "福彩发展", "<p>水彩公园。公益活动。</p>", "2022-01-01T00:00:00+08:00", null);
        add("scattered-title", "福彩发展与水彩公园公益", "<p>一篇。</p>", "2022-02-01T00:00:00+08:00", null);
        assertEquals(List.of("fund"), hits("\"福彩公益\""), "a quoted phrase only where it is written");
        assertEquals(
                List.of("scattered-title", "fund", "scattered"),
                hits("福彩公益"),
                "unquoted, a Chinese word is all of its bigrams, wherever they are");
    }

    /** The field's abbreviations are searched both ways: 福彩 finds 福利彩票, and 福利彩票 finds 福彩, each marked. */
    @Test
    void anAbbreviationFindsItsFullFormAndTheFullFormItsAbbreviation() {
        assertEquals(Set.of("fund", "apart", "conference"), Set.copyOf(hits("福彩")));
        assertEquals(Set.of("fund", "apart", "conference"), Set.copyOf(hits("福利彩票")));
        assertEquals(List.of("fund"), hits("福利彩票公益金"), "温州福彩公益金 in its title");
        assertEquals(List.of("fund"), hits("\"福利彩票公益\""), "a quoted phrase in either form, as written");
        assertEquals(List.of(), hits("\"彩票公益\""), "only abbreviations are read in other forms");
        searchOfThePublisher("福彩 工作会议").body("items[0].snippet", equalTo("全国<mark>福利彩票</mark><mark>工作会议</mark>"));
        searchOfThePublisher("福利彩票 温州").body("items[0].snippet", equalTo("<mark>温州</mark><mark>福彩</mark>公益金使用情况"));

        add("province", "浙江省福利彩票发行中心年度报告", "<p>一篇。</p>", "2022-03-01T00:00:00+08:00", null);
        add("city", "温州市福彩中心开展助学活动", "<p>一篇。</p>", "2022-04-01T00:00:00+08:00", null);
        add("issuing", "嘉兴市福彩发行中心简报", "<p>一篇。</p>", "2022-05-01T00:00:00+08:00", null);
        assertEquals(List.of("issuing", "city", "province"), hits("福彩中心"));
        assertEquals(List.of("issuing", "city", "province"), hits("\"福利彩票发行中心\""));
        searchOfThePublisher("福彩中心 年度").body("items[0].snippet", equalTo("浙江省<mark>福利彩票发行中心</mark><mark>年度</mark>报告"));
    }

    /** One Chinese character is found wherever it stands: 年 of 2021年全国 was found only where it stood alone. */
    @Test
    void aSingleChineseCharacterIsFoundWhereverItStands() {
        add("year", "2021年全国福利彩票发行工作会议", "<p>会议在嘉兴召开。</p>", "2021-04-01T00:00:00+08:00", null);
        assertEquals(List.of("year"), hits("2021年"));
        assertEquals(List.of("year", "body-hit", "fund"), hits("年"), "年全, 年度, and 全年 in a body");
        assertEquals(
                List.of("conference", "year", "fund", "apart", "split"),
                hits("彩"),
                "at the end of 福彩 and inside 福利彩票 in titles, then 彩虹 and 福彩站点 in bodies");
        assertEquals(List.of("year"), hits("年 嘉兴"), "every term must match");
        searchOfThePublisher("2021年").body("items[0].snippet", equalTo("<mark>2021年</mark>全国福利彩票发行工作会议"));
    }

    /** An editor makes part of a word bold or a link: the word is still one, found as a word and as a phrase. */
    @Test
    void aWordPartOfWhichIsBoldOrALinkIsFound() {
        add(
                "bold",
                "慰问活动",
                "<p>春节前走访<strong>困难</strong><a href=\"https://x.cn/\">群众</a>。</p>",
                "2023-01-01T00:00:00+08:00",
                null);
        assertEquals(List.of("bold"), hits("困难群众"));
        assertEquals(List.of("bold"), hits("\"走访困难群众\""));
        searchOfThePublisher("困难群众").body("items[0].snippet", equalTo("春节前走访<mark>困难群众</mark>。"));
    }

    /** A Chinese keyboard types letters and digits full width: ２０２３ is 2023, either way round. */
    @Test
    void fullWidthLettersAndDigitsAreFoundAsTheirAsciiSelves() {
        add("wide", "２０２３年ＷＥＬＦＡＲＥ项目", "<p>一个项目。</p>", "2023-01-01T00:00:00+08:00", null);
        add("narrow", "2022年welfare项目", "<p>一个项目。</p>", "2022-01-01T00:00:00+08:00", null);
        assertEquals(List.of("wide"), hits("2023年"));
        assertEquals(List.of("narrow"), hits("２０２２"));
        assertEquals(List.of("wide", "narrow", "conference"), hits("Welfare"), "conference in its English title");
        assertEquals(List.of("wide", "narrow"), hits("ｗｅｌｆａｒｅ　项目"), "an ideographic space separates words");
        searchOfThePublisher("2023").body("items[0].snippet", equalTo("<mark>２０２３</mark>年ＷＥＬＦＡＲＥ项目"));
    }

    @Test
    void englishWordsMatchAnyCaseAndSimpleInflection() {
        assertEquals(List.of("conference"), hits("conference"));
        assertEquals(List.of("conference"), hits("CONFERENCES"));
        assertEquals(List.of("conference"), hits("Jiaxing"));
    }

    @Test
    void titleHitsRankAboveBodyHitsAndNewerAboveOlder() {
        assertEquals(List.of("title-hit", "body-hit"), hits("助残"));
        assertEquals(List.of("newer-twin", "older-twin"), hits("巡查"));
    }

    @Test
    void hitsCarryAHighlightedEscapedPassage() {
        given().queryParam("q", "公益金")
                .queryParam("publisher", publisher)
                .get("/api/v1/search")
                .then()
                .body("items[0].matchedIn", equalTo("title"))
                .body("items[0].snippet", equalTo("温州福彩<mark>公益金</mark>使用情况"))
                .body("items[0].publisher.slug", equalTo(publisher));
        given().queryParam("q", "双色球 一等奖")
                .queryParam("publisher", publisher)
                .get("/api/v1/search")
                .then()
                .body("items[0].snippet", containsString("<mark>双色球</mark>"));
        given().queryParam("q", "conferences")
                .queryParam("publisher", publisher)
                .get("/api/v1/search")
                .then()
                .body("items[0].snippet", containsString("<mark>conferences</mark>"));
    }

    /**
     * A page of title hits is shown from the articles' headings, and a hit through a tag from the whole article; a page
     * with hits in summaries or bodies from the whole articles: each hit with its passage where the words stand.
     */
    @Test
    void everyHitShowsThePassageWhereItsWordsStand() {
        Map<String, Object> tagged = article(publisher, "tagged");
        tagged.put("title", "年度总结");
        tagged.put("summary", null);
        tagged.put("tags", List.of("慈善"));
        tagged.put("body", "<h2>回顾</h2><p>开展<strong>慈善</strong>活动&amp;走访。</p>");
        tagged.put("publishedAt", "2023-03-01T00:00:00+08:00");
        createArticleId(tagged);
        add("titled", "慈善晚会举行", "<p>无关。</p>", "2023-01-01T00:00:00+08:00", null);
        searchOfThePublisher("慈善")
                .body("items.slug", equalTo(List.of("tagged", "titled")))
                .body("items.matchedIn", equalTo(List.of("body", "title")))
                .body("items.snippet", equalTo(List.of("回顾 开展<mark>慈善</mark>活动&amp;走访。", "<mark>慈善</mark>晚会举行")))
                .body("items.title", equalTo(List.of("年度总结", "慈善晚会举行")))
                .body("items.publishedAt", equalTo(List.of("2023-02-28T16:00:00Z", "2022-12-31T16:00:00Z")))
                .body("items.publisher.slug", equalTo(List.of(publisher, publisher)));

        Map<String, Object> summarised = article(publisher, "summarised");
        summarised.put("title", "月度简讯");
        summarised.put("summary", "本月慈善捐款");
        summarised.put("tags", List.of());
        summarised.put("body", "<p>慈善</p>");
        summarised.put("publishedAt", "2023-02-01T00:00:00+08:00");
        createArticleId(summarised);
        add("bodied", "活动回顾", "<p>第一段。</p><p>第二段:慈善义卖。</p>", "2022-12-01T00:00:00+08:00", null);

        searchOfThePublisher("慈善")
                .body("items.slug", equalTo(List.of("tagged", "titled", "summarised", "bodied")))
                .body("items.matchedIn", equalTo(List.of("body", "title", "summary", "body")))
                .body(
                        "items.snippet",
                        equalTo(List.of(
                                "回顾 开展<mark>慈善</mark>活动&amp;走访。",
                                "<mark>慈善</mark>晚会举行",
                                "本月<mark>慈善</mark>捐款",
                                "第一段。 第二段:<mark>慈善</mark>义卖。")))
                .body("items.title", equalTo(List.of("年度总结", "慈善晚会举行", "月度简讯", "活动回顾")))
                .body(
                        "items.publishedAt",
                        equalTo(List.of(
                                "2023-02-28T16:00:00Z",
                                "2022-12-31T16:00:00Z",
                                "2023-01-31T16:00:00Z",
                                "2022-11-30T16:00:00Z")))
                .body("items.status", equalTo(List.of("published", "published", "published", "published")))
                .body("items.publisher.slug", equalTo(List.of(publisher, publisher, publisher, publisher)));
    }

    @Test
    void filtersApplyAndDraftsAreOnlyForThoseWhoMayReadThem() {
        Map<String, Object> draft = article(publisher, "draft");
        draft.put("status", "draft");
        draft.put("title", "未发布的公益金草稿");
        createArticleId(draft);
        assertEquals(List.of("fund"), hits("公益金"));
        given().queryParam("q", "公益金")
                .queryParam("status", "draft")
                .queryParam("publisher", publisher)
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
        admin().queryParam("q", "公益金")
                .queryParam("status", "draft")
                .queryParam("publisher", publisher)
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .body("items[0].slug", equalTo("draft"));
        given().queryParam("q", "公益金")
                .queryParam("publisher", publisher)
                .queryParam("publishedFrom", "2021-01-01")
                .get("/api/v1/search")
                .then()
                .body("items.size()", equalTo(0));
        given().queryParam("q", "conference")
                .queryParam("publisher", publisher)
                .queryParam("locale", "en")
                .get("/api/v1/search")
                .then()
                .body("items[0].slug", equalTo("conference"));
    }

    static List<String> unusableQueries() {
        return List.of("", "   ", "!!! ???", "<->", "字".repeat(201));
    }

    @ParameterizedTest
    @MethodSource("unusableQueries")
    void anUnusableQueryIs400NamingQ(String bad) {
        given().queryParam("q", bad)
                .get("/api/v1/search")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("q"));
    }

    @Test
    void aMissingQueryOrABadStatusIs400() {
        given().get("/api/v1/search").then().statusCode(400).body("violations[0].field", equalTo("q"));
        given().queryParam("q", "公益金")
                .queryParam("status", "gone")
                .get("/api/v1/search")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"公益金 & !", "公益金:*", "(公益金 | 双色球)", "'公益金'", "公益金 <-> 双色球", "公益金\\"})
    void querySyntaxIsJustText(String syntax) {
        given().queryParam("q", syntax)
                .queryParam("publisher", publisher)
                .get("/api/v1/search")
                .then()
                .statusCode(200);
        assertEquals(List.of("fund"), hits("公益金:*"));
    }

    @Test
    void aRareWordBehindMoreThanAWindowOfNewerArticlesIsFoundThroughTheIndex() {
        // 450 newer articles, one in three with 站点 in the title and all of them with 站点 in the body: more than the
        // 400 newest that a tier reads in order before it turns to the GIN index.
        column(dataSource, """
                insert into article (id, publisher_id, slug, locale, title, body, tags, region_codes, region_scope,
                                     published_at, status, version, created_at, updated_at)
                select gen_random_uuid(), p.id, 'filler-' || g, 'zh-CN', case when g % 3 = 0 then '站点简报' else '月度简报' end,
                       '<p>星级站点巡查第' || g || '次。</p>', '{}', '{}', '{}', timestamptz '2024-01-01 00:00Z' + g * interval '1 hour',
                       'published', 0, now(), now()
                from generate_series(1, 450) g, publisher p where p.slug = ? and p.deleted_at is null
                returning id""", publisher);
        add("rare-title", "摄影展开幕", "<p>展出作品。</p>", "2019-03-01T00:00:00+08:00", null);
        add("rare-body", "文化活动", "<p>举办摄影比赛。</p>", "2019-04-01T00:00:00+08:00", null);

        assertEquals(
                List.of("rare-title", "rare-body"), hits("摄影"), "the title hit first, though the body hit is newer");
        assertEquals(List.of(), hits("摄影 站点"));

        List<String> all = allPages("/api/v1/search?q=站点&limit=100&publisher=" + publisher, "slug");
        assertEquals(453, all.size(), "150 + 2 title hits, 300 + 1 body hits");
        assertEquals(all.size(), Set.copyOf(all).size(), "no hit twice across pages");
        assertEquals("filler-450", all.get(0));
        assertEquals("filler-3", all.get(149));
        assertEquals(List.of("newer-twin", "older-twin"), all.subList(150, 152));
        assertEquals("filler-449", all.get(152), "then the newest body hit");
        assertEquals("filler-1", all.get(451));
        assertEquals("apart", all.get(452));
    }

    @Test
    void aWordThinningOutWithAgeIsReadForTheStretchItsRatePredictsThenFurtherBack() {
        // 2,000 articles an hour apart. Among the newest 100, every fifth mentions 督导 in its body; then none for 200
        // hours; then every hundredth. The newest articles' rate predicts that a page of 21 lies within the newest 160
        // or so, which hold only 20: the 21st comes from the read of everything older.
        column(dataSource, """
                insert into article (id, publisher_id, slug, locale, title, body, tags, region_codes, region_scope,
                                     published_at, status, version, created_at, updated_at)
                select gen_random_uuid(), p.id, 'stretch-' || g, 'zh-CN', '月度简报',
                       case when (g > 1900 and g % 5 = 0) or (g <= 1700 and g % 100 = 0) then '<p>开展督导。</p>' else '<p>例行简报。</p>' end,
                       '{}', '{}', '{}', timestamptz '2025-01-01 00:00Z' + g * interval '1 hour', 'published', 0, now(), now()
                from generate_series(1, 2000) g, publisher p where p.slug = ? and p.deleted_at is null
                returning id""", publisher);
        execute(dataSource, "analyze article_search");
        List<String> expected = new ArrayList<>();
        for (int g = 2000; g >= 1; g--) {
            if (g > 1900 && g % 5 == 0 || g <= 1700 && g % 100 == 0) {
                expected.add("stretch-" + g);
            }
        }

        var first =
                given().queryParam("q", "督导").queryParam("publisher", publisher).get("/api/v1/search");
        // the publisher, the titles' probe and index read, the text's probe, its stretch and the rest, the hits' text
        first.then().statusCode(200).header("Server-Timing", equalTo("sql;desc=\"7 statements\""));
        assertEquals(expected.subList(0, 20), first.path("items.slug"));
        assertEquals(expected, allPages("/api/v1/search?q=督导&limit=7&publisher=" + publisher, "slug"));
    }

    @Test
    void draftsWithoutAPublicationDateFollowByCursorToo() {
        for (String slug : List.of("draft-one", "draft-two")) {
            Map<String, Object> draft = article(publisher, slug);
            draft.put("status", "draft");
            draft.put("publishedAt", null);
            draft.put("title", "草稿公益金");
            createArticleId(draft);
        }
        List<String> drafts = allPages("/api/v1/search?q=公益金&status=draft&limit=1&publisher=" + publisher, "slug");
        assertEquals(Set.of("draft-one", "draft-two"), Set.copyOf(drafts));
        assertEquals(2, drafts.size());
    }

    @Test
    void pagesFollowByCursor() {
        var first = given().queryParam("q", "站点")
                .queryParam("publisher", publisher)
                .queryParam("limit", 1)
                .get("/api/v1/search");
        first.then().statusCode(200).body("items.size()", equalTo(1));
        String cursor = first.path("nextCursor");
        given().queryParam("q", "站点")
                .queryParam("publisher", publisher)
                .queryParam("limit", 1)
                .queryParam("cursor", cursor)
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].slug", org.hamcrest.Matchers.not(equalTo(first.path("items[0].slug"))));
        given().queryParam("q", "公益金")
                .queryParam("publisher", publisher)
                .queryParam("cursor", cursor)
                .get("/api/v1/search")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("cursor"));
    }
}
