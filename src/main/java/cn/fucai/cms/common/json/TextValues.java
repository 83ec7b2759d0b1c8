package cn.fucai.cms.common.json;

/**
 * Checks that a string can be stored as PostgreSQL text, written back as valid UTF-8 and written into XML 1.0 (the Atom
 * feeds): no NUL, no other C0 control character but tab, line feed and carriage return, no U+FFFE or U+FFFF, no
 * unpaired surrogate.
 */
public final class TextValues {

    private TextValues() {}

    /** Why the value cannot be stored, or null when it can. */
    public static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (\\u0000)";
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == '\uFFFE' || c == '\uFFFF') {
                return "must not contain the control character \\u" + String.format("%04X", (int) c)
                        + " (only tab and line breaks are allowed)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired UTF-16 surrogate (\\u"
                        + Integer.toHexString(c).toUpperCase() + "), which is not a character";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate (\\u"
                        + Integer.toHexString(c).toUpperCase() + "), which is not a character";
            }
        }
        return null;
    }
}
