package cn.fucai.cms.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The passage a hit shows: the first field with a hit, in order, its text escaped and every hit marked. */
class HighlighterTest {

    private static final String TITLE = "温州福彩公益金使用情况";
    private static final String SUMMARY = "全年投入<b>助学</b>资金";
    private static final String BODY = "<p>春节前走访困难群众 &amp; 送去慰问金</p>";
    private static final String[] TRANSLATIONS = {"Charity conferences held in Wenzhou <p>students</p>"};

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "公益金|title|温州福彩<mark>公益金</mark>使用情况",
                "助学|summary|全年投入&lt;b&gt;<mark>助学</mark>&lt;/b&gt;资金",
                "困难群众|body|春节前走访<mark>困难群众</mark> &amp; 送去慰问金",
                "conferences|body|Charity <mark>conferences</mark> held in Wenzhou students",
                "students|body|Charity conferences held in Wenzhou <mark>students</mark>",
                "CHARITY|body|<mark>Charity</mark> conferences held in Wenzhou students",
                "扶老|title|温州福彩公益金使用情况",
            })
    void theFirstFieldWithAHitIsShownEscapedWithItsHitsMarked(String term, String field, String snippet) {
        Highlighter.Passage passage = Highlighter.best(List.of(term), TITLE, SUMMARY, BODY, TRANSLATIONS);

        assertEquals(new Highlighter.Passage(field, snippet), passage);
    }

    /**
     * Words typed full width are the ASCII ones (２０２１ is 2021) either way round, a Chinese character ends an English
     * word's mark, and one Chinese character is marked wherever it stands.
     */
    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2021|２０２１年全国会议|<mark>２０２１</mark>年全国会议",
                "2021|2021年全国会议|<mark>2021</mark>年全国会议",
                "2021年|２０２１年全国会议|<mark>２０２１年</mark>全国会议",
                "conference|ＣＯＮＦＥＲＥＮＣＥＳ在嘉兴|<mark>ＣＯＮＦＥＲＥＮＣＥＳ</mark>在嘉兴",
                "年|2021年全国会议|2021<mark>年</mark>全国会议",
            })
    void fullWidthTextAndWordsNextToChineseAreMarkedAsTheIndexFindsThem(String term, String title, String snippet) {
        String folded = SearchQuery.parse(term).terms().get(0);
        Highlighter.Passage passage = Highlighter.best(List.of(folded), title, null, null, new String[0]);

        assertEquals(new Highlighter.Passage("title", snippet), passage);
    }

    /** A body is read as jsoup's text() reads it: inline tags run on, blocks apart by a space, entities decoded. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "<p>走访<strong>困难</strong><a href=\"/a?x=1&amp;y=2\">群众</a>&#12290;</p>|走访<mark>困难群众</mark>。",
                "<h2>慰问</h2>\t<ul><li>困难群众</li><li>孤寡老人</li></ul>|慰问 <mark>困难群众</mark> 孤寡老人",
                "<p>&lt;困难群众&gt; &amp; &quot;老人&quot;</p>|&lt;<mark>困难群众</mark>&gt; &amp; &quot;老人&quot;",
                "<p>困难群众<br>老人</p><p>  送去\t慰问金 </p>|<mark>困难群众</mark> 老人 送去 慰问金",
            })
    void aBodyIsReadAsItsReadersSeeIt(String body, String snippet) {
        Highlighter.Passage passage = Highlighter.best(List.of("困难群众"), TITLE, SUMMARY, body, new String[0]);

        assertEquals(new Highlighter.Passage("body", snippet), passage);
    }
}
