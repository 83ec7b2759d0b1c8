package cn.fucai.cms.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** XSS vectors from the OWASP XSS Filter Evasion Cheat Sheet: none may survive, Chinese text must. */
class HtmlSanitizerTest {

    private static final List<String> VECTORS = List.of(
            "<script>alert('XSS')</script>",
            "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
            "<IMG SRC=\"javascript:alert('XSS');\">",
            "<IMG SRC=javascript:alert('XSS')>",
            "<IMG SRC=JaVaScRiPt:alert('XSS')>",
            "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
            "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
            "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
            "<IMG SRC=# onmouseover=\"alert('xxs')\">",
            "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
            "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116"
                    + "&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083"
                    + "&#0000039&#0000041\">",
            "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;"
                    + "&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
            "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
            "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
            "<SCRIPT/XSS SRC=\"https://xss.example/xss.js\"></SCRIPT>",
            "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
            "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
            "<SCRIPT SRC=//xss.example/.j>",
            "<iframe src=https://xss.example/scriptlet.html <",
            "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
            "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">",
            "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
            "<svg/onload=alert('XSS')>",
            "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
            "<STYLE>@import'https://xss.example/xss.css';</STYLE>",
            "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
            "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
            "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
            "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
            "<DIV STYLE=\"width: expression(alert('XSS'));\">",
            "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"https://xss.example/scriptlet.html\"></OBJECT>",
            "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0i"
                    + "aHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIx"
                    + "LjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+"
                    + "YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==\" type=\"image/svg+xml\" AllowScriptAccess=\"always\"></EMBED>",
            "<a href=\"vbscript:msgbox('XSS')\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=\">x</a>",
            "<form action=\"javascript:alert(1)\"><button>x</button></form>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>");

    private static final List<String> FORBIDDEN = List.of(
            "<script",
            "javascript:",
            "vbscript:",
            "data:",
            "onerror",
            "onload",
            "onmouseover",
            "<iframe",
            "<object",
            "<embed",
            "<svg",
            "<style",
            "style=",
            "<meta",
            "<link",
            "<form",
            "<input",
            "expression(",
            "background=");

    static List<String> vectors() {
        return VECTORS;
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void noVectorSurvives(String vector) {
        String clean = sanitize("<p>福彩</p>" + vector).toLowerCase(Locale.ROOT);
        for (String forbidden : FORBIDDEN) {
            assertFalse(clean.contains(forbidden), () -> "'" + forbidden + "' survived in " + clean);
        }
    }

    @Test
    void allowedStructureChineseTextAndEntitiesAreKept() {
        String html = "<h2>党建引领</h2><p>全年投入福彩公益金743.9万元，受助者达3263人 &amp; “扶老、助残”</p>"
                + "<ul><li>𠀀 一</li></ul><table><tbody><tr><td>温州</td></tr></tbody></table>"
                + "<p><strong>强</strong> <em>调</em> <a href=\"https://www.example.org/a?b=1&amp;c=2\">链接</a>"
                + " <img src=\"https://www.example.org/p.png\" alt=\"图\"></p>";
        assertEquals(
                html.replace(
                        "<a href=\"https://www.example.org/a?b=1&amp;c=2\">",
                        "<a href=\"https://www.example.org/a?b=1&amp;c=2\" rel=\"nofollow noopener\">"),
                sanitize(html));
    }

    @Test
    void imagesOfOtherHostsAreDroppedAndRelativeUrlsBecomeAbsolute() {
        String own = "/api/v1/media-files/" + "a".repeat(64) + "/w640";
        String html = "<p><img src=\"https://tracker.example/pixel.gif\" alt=\"x\"><img src=\"" + own + "\" alt=\"老人\">"
                + "<a href=\"/api/v1/media-files/" + "b".repeat(64) + "/original\">公告</a></p>";
        assertEquals(
                "<p><img src=\"" + BASE + own.substring(1) + "\" alt=\"老人\"><a href=\"" + BASE + "api/v1/media-files/"
                        + "b".repeat(64) + "/original\" rel=\"nofollow noopener\">公告</a></p>",
                sanitize(html));
    }

    private static final String BASE = "https://cms.example.org/";

    /** As the service sanitises: images only of the media library (and, here, of www.example.org). */
    private static String sanitize(String html) {
        return HtmlSanitizer.sanitize(
                html,
                BASE,
                src -> src.startsWith(BASE + "api/v1/media-files/") || src.startsWith("https://www.example.org/"));
    }
}
