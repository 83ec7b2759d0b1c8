package cn.fucai.cms.common.paging;

import cn.fucai.cms.common.error.InvalidInputException;

/** How many items a page holds: a whole number from 1 to {@link #MAX}; blank means the default. */
public record Limit(int value) {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    /** The limit {@code text} spells, or a 400 naming {@code parameter}. */
    public static Limit parse(String parameter, String text) {
        if (text.isBlank()) {
            return new Limit(DEFAULT);
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= MAX) {
                return new Limit(value);
            }
        } catch (NumberFormatException ignored) {
            // reported below with the same message as an out-of-range number
        }
        throw new InvalidInputException(
                parameter, "must be a whole number from 1 to " + MAX + ", was " + InvalidInputException.quoted(text));
    }
}
