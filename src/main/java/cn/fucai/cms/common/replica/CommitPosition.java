package cn.fucai.cms.common.replica;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in PostgreSQL's write-ahead log, written as PostgreSQL writes an LSN ({@code 0/16B3748}): what a write
 * answers in {@code Commit-Position}, and what a read asks to see in {@code Read-After}.
 */
public final class CommitPosition {

    private static final Pattern TEXT = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");

    private CommitPosition() {}

    /** The position as a number, for comparing; null when the text is not an LSN below 80000000/0. */
    public static Long parse(String text) {
        Matcher matcher = TEXT.matcher(text.strip());
        if (!matcher.matches()) {
            return null;
        }
        long high = Long.parseLong(matcher.group(1), 16);
        // a write-ahead log 2^63 bytes long is beyond any server: such a position is a client's mistake
        return high > Integer.MAX_VALUE ? null : high << 32 | Long.parseLong(matcher.group(2), 16);
    }

    public static String format(long position) {
        return String.format(Locale.ROOT, "%X/%X", position >>> 32, position & 0xFFFFFFFFL);
    }
}
