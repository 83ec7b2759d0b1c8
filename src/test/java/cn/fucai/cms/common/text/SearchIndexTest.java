package cn.fucai.cms.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.common.sql.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A search's words are cut in Java ({@link SearchQuery#tsquery()}), the texts it searches in SQL
 * (cms_search_document): a Chinese character is found wherever it stands, a word of two or more wherever all of its
 * bigrams stand, and nothing across punctuation.
 */
@QuarkusTest
class SearchIndexTest {

    private static final Pattern CJK_RUN = Pattern.compile("[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+");

    private static final List<String> TEXTS = List.of(
            "2021年全国福利彩票发行销售工作会议在浙江嘉兴召开",
            "今年开展助残活动。",
            "社会公益。金额另行公布。生活幸福。彩虹出现。",
            "温州福彩",
            "福",
            "Welfare lottery meeting in Jiaxing, 2021年",
            "㐀㐁丽、豈更福",
            "ひらがな福彩",
            "２０２１年ＡＢＣ会议　召开");

    private static final List<String> TERMS = List.of(
            "年",
            "2021年",
            "彩",
            "福",
            "福彩",
            "福利彩票",
            "公益",
            "公益金",
            "金",
            "嘉兴",
            "全国福利",
            "福、彩",
            "豈",
            "丽",
            "㐁",
            "jiaxing嘉兴",
            "会议 年",
            "年 公益",
            "2021",
            "虹",
            "幸福彩",
            "开",
            "ひ福",
            "２０２１",
            "abc",
            "ＡＢＣ会议",
            "会议　召开");

    @Inject
    Jdbi jdbi;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "温州福彩                  | 温州 州福 福彩 彩",
                "福                        | 福",
                "福彩2026年,杭州 公益金    | 福彩 彩 年 杭州 州 公益 益金 金",
                "conferences               | ''",
                "㐀㐁丽 豈更福             | 㐀㐁 㐁丽 丽 豈更 更福 福",
                "ひらがな福彩              | 福彩 彩",
                "福、彩 公益。金           | 福 彩 公益 益 金"
            })
    void theIndexHoldsEveryBigramAndTheLastCharacterOfEachRun(String text, String tokens) {
        List<String> indexed = jdbi.withHandle(handle -> handle.createQuery("select unnest(cms_cjk_tokens(:text))")
                .bind("text", text)
                .mapTo(String.class)
                .list());
        assertEquals(tokens.isEmpty() ? List.of() : List.of(tokens.split(" ")), indexed);
    }

    /** The index reads full-width letters, digits and signs as the search's words are read: as ASCII. */
    @Test
    void theIndexFoldsFullWidthCharactersAsTheSearchDoes() {
        StringBuilder fullWidth = new StringBuilder("\u3000");
        for (char c = '\uff01'; c <= '\uff5e'; c++) {
            fullWidth.append(c);
        }
        String folded = jdbi.withHandle(handle -> handle.createQuery("select cms_ascii_width(:text)")
                .bind("text", fullWidth + "福彩ａ")
                .mapTo(String.class)
                .one());

        assertEquals(
                " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~福彩a",
                folded);
        assertEquals(folded, FullWidth.toAscii(fullWidth + "福彩ａ"));
    }

    /**
     * A body is indexed as it reads (and as passages read it, HtmlText): inline elements run on, so that a word part of
     * which is bold or a link is one word; other tags set blocks apart; the entities the sanitiser writes are decoded.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "<p>走访<strong>困难</strong><a href=\"https://x.cn/a?x=1&amp;y=2\" rel=\"nofollow noopener\">群众</a>。</p>",
                "<h1>一</h1><h2>二</h2><p>三</p><ul><li>困难群众</li><li>孤寡老人</li></ul><ol><li>第一</li></ol>",
                "<table><caption>销量</caption><thead><tr><th>省</th><th>亿元</th></tr></thead>"
                        + "<tbody><tr><td>浙江</td><td>20</td></tr></tbody></table>",
                "<blockquote><p>引文</p></blockquote><p>第一行<br>第二行</p><p>图<img src=\"https://x.cn/1.png\">后</p>",
                "<p><b>福</b><i>彩</i><u>公</u><em>益</em><sub>金</sub><sup>3</sup><small>s</small><strike>x</strike>"
                        + "<code>c</code><q>q</q><cite>cite</cite><span>span</span></p>",
                "<p>&lt;script&gt; &amp; \"引号\" &nbsp;空&nbsp;格 &amp;lt;</p>",
                "<p>\t前后 \n 空白 </p>\n\n<p>  </p>",
                "没有标签的文字 Charity conferences",
                "",
            })
    void aBodyIsIndexedAsItReads(String html) {
        String indexed = jdbi.withHandle(
                handle -> handle.createQuery("select btrim(regexp_replace(cms_plain_text(:html), '\\s+', ' ', 'g'))")
                        .bind("html", html)
                        .mapTo(String.class)
                        .one());

        assertEquals(HtmlText.of(html), indexed);
    }

    /** Every term against every text, all mismatches reported at once. */
    @Test
    void aTermMatchesTheTextsThatHoldEachOfItsCharactersAndBigramsAndNoOthers() {
        List<String> wrong = new ArrayList<>();
        for (String term : TERMS) {
            SearchQuery query = SearchQuery.parse(term);
            for (String text : TEXTS) {
                Sql matches = new Sql("")
                        .append("select cms_search_document(:text) @@ ", "text", text)
                        .append(query.tsquery());
                boolean found = jdbi.withHandle(
                        handle -> matches.query(handle).mapTo(Boolean.class).one());
                if (found != holds(text, query)) {
                    wrong.add("'" + term + "' in '" + text + "': " + (found ? "found" : "not found"));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Full-width letters and digits as ASCII, written out here rather than taken from the code under test. */
    private static String ascii(String text) {
        return text.replace('２', '2')
                .replace('０', '0')
                .replace('１', '1')
                .replace('Ａ', 'A')
                .replace('Ｂ', 'B')
                .replace('Ｃ', 'C')
                .replace('\u3000', ' ');
    }

    /** Whether a text holds every term of the query in one of the term's forms (福彩 or 福利彩票). */
    private static boolean holds(String text, SearchQuery query) {
        return query.words().stream().allMatch(word -> word.forms().stream().anyMatch(form -> holds(text, form)));
    }

    /**
     * Whether a text holds a term: each lone Chinese character of it, each bigram of its longer Chinese runs, and each
     * of its other words (here only numbers and names, which the english configuration keeps whole).
     */
    private static boolean holds(String text, String term) {
        Matcher run = CJK_RUN.matcher(term);
        while (run.find()) {
            String chars = run.group();
            for (int i = 0; i < Math.max(chars.length() - 1, 1); i++) {
                if (!text.contains(chars.substring(i, Math.min(i + 2, chars.length())))) {
                    return false;
                }
            }
        }
        String others = " " + CJK_RUN.matcher(ascii(text)).replaceAll(" ").toLowerCase() + " ";
        for (String word : CJK_RUN.matcher(term).replaceAll(" ").toLowerCase().split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && !others.matches("(?s).*[^\\p{L}\\p{N}]" + word + "[^\\p{L}\\p{N}].*")) {
                return false;
            }
        }
        return true;
    }
}
