package cn.fucai.cms.common.text;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/**
 * The text of sanitised HTML (what HtmlSanitizer lets through) on one line, as jsoup's {@code text()} gives it with
 * every run of white space (no-break spaces and {@code <pre>} too) made one space: inline tags run on, any other tag
 * sets blocks apart, entities are decoded. One pass over the characters, without building a document: parsing every
 * hit's body with jsoup took over half of a search's service CPU (docs/performance.md, "Search passages without a
 * document tree").
 */
final class HtmlText {

    /** The inline elements that HtmlSanitizer allows. */
    private static final Set<String> INLINE =
            Set.of("a", "b", "cite", "code", "em", "i", "q", "small", "span", "strike", "strong", "sub", "sup", "u");

    /** White space that a decoded entity (a no-break space) may have made. */
    private static final Pattern SPACES = Pattern.compile("[\\s\u00a0]+");

    private HtmlText() {}

    static String of(String html) {
        StringBuilder text = new StringBuilder(html.length());
        boolean apart = false;
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            int tagEnd = c == '<' ? html.indexOf('>', i) : -1;
            if (tagEnd > 0) {
                apart |= !INLINE.contains(tagName(html, i + 1, tagEnd));
                i = tagEnd + 1;
            } else if (Character.isWhitespace(c) || c == '\u00a0') {
                apart = true;
                i++;
            } else {
                if (apart && !text.isEmpty()) {
                    text.append(' ');
                }
                apart = false;
                text.append(c);
                i++;
            }
        }
        if (text.indexOf("&") < 0) {
            return text.toString();
        }
        String decoded = Parser.unescapeEntities(text.toString(), false);
        return decoded.indexOf('\u00a0') < 0
                ? decoded
                : SPACES.matcher(decoded).replaceAll(" ").strip();
    }

    /** The element's name in the tag that starts at {@code start} (after its {@code <}), without a closing slash. */
    private static String tagName(String html, int start, int end) {
        int from = start < end && html.charAt(start) == '/' ? start + 1 : start;
        int to = from;
        while (to < end && Character.isLetterOrDigit(html.charAt(to))) {
            to++;
        }
        return html.substring(from, to);
    }
}
