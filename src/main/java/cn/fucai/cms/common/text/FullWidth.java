package cn.fucai.cms.common.text;

/**
 * Letters, digits and signs typed full width (ＡＢＣ, ２０２１, U+FF01–FF5E) and the ideographic space, as their ASCII
 * selves, one character for one: a Chinese keyboard types them, and 2021 must find ２０２１年. The index folds its texts
 * alike (cms_ascii_width, V41); SearchIndexTest holds the two together.
 */
final class FullWidth {

    private static final char FIRST = '\uff01';
    private static final char LAST = '\uff5e';
    private static final int TO_ASCII = FIRST - '!';
    private static final char IDEOGRAPHIC_SPACE = '\u3000';

    private FullWidth() {}

    static String toAscii(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= FIRST && c <= LAST) || c == IDEOGRAPHIC_SPACE) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = c == IDEOGRAPHIC_SPACE ? ' ' : (char) (c - TO_ASCII);
            }
        }
        return chars == null ? text : new String(chars);
    }
}
