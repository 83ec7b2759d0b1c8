package cn.fucai.cms.common.json;

/** Checks that a string can be stored as PostgreSQL text and written back as valid UTF-8. */
public final class TextValues {

    private TextValues() {
    }

    /** Why the value cannot be stored, or null when it can. */
    public static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c).toUpperCase() + "), which is not a character";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c).toUpperCase() + "), which is not a character";
            }
        }
        return null;
    }
}
