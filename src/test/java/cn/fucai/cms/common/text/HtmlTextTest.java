package cn.fucai.cms.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jsoup.Jsoup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sanitised HTML reads as jsoup's text() reads it, for every element the sanitiser lets through, on one line: every run
 * of white space one space.
 */
class HtmlTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<p>走访<strong>困难</strong><a href=\"https://x.cn/a?x=1&amp;y=2\" rel=\"nofollow noopener\">群众</a>&#12290;</p>",
                "<h1>一</h1><h2>二</h2><h3>三</h3><h4>四</h4><h5>五</h5><h6>六</h6>",
                "<ul><li>困难群众</li><li>孤寡老人</li></ul><ol><li>第一</li></ol>",
                "<dl><dt>公益金</dt><dd>5亿元</dd></dl>",
                "<table><caption>销量</caption><thead><tr><th>省</th><th>亿元</th></tr></thead>"
                        + "<tbody><tr><td>浙江</td><td>20</td></tr></tbody><tfoot><tr><td>合计</td></tr></tfoot></table>",
                "<blockquote><p>引文</p></blockquote><pre>  保留  空格\n第二行 </pre>",
                "<p>第一行<br>第二行<br />第三行</p>",
                "<p>图<img src=\"https://x.cn/media/1.png\" alt=\"图片\">后</p>",
                "<p><b>b</b><i>i</i><u>u</u><em>em</em><sub>2</sub><sup>3</sup><small>s</small><strike>x</strike>"
                        + "<code>c</code><q>q</q><cite>cite</cite><span>span</span></p>",
                "<p>&lt;script&gt; &amp; &quot;引号&quot; &nbsp;空&nbsp;格 &#x4e2d;&#25991;</p>",
                "  <p>\t前后 \n 空白 </p>\n\n<p>  </p>  ",
                "没有标签的文字 Charity conferences",
                "<div><p>嵌套</p><div>块</div></div>文字",
                "",
            })
    void readsAsJsoupDoes(String html) {
        String oneLine =
                Jsoup.parse(html).text().replaceAll("[\\s\u00a0]+", " ").strip();

        assertEquals(oneLine, HtmlText.of(html));
    }
}
