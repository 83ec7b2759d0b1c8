package cn.fucai.cms.common.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants as text, exactly as {@link Instant#toString()} and {@link Instant#parse} have them (RFC 3339 in UTC, the
 * fraction in groups of three digits), without a {@code DateTimeFormatter}: formatting an API answer's instants that
 * way cost a list page 2.6 % of its CPU, and parsing a cursor's 3 % (docs/performance.md#cursors-and-instants).
 */
public final class InstantText {

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years written with four digits and no sign. */
    private static final long FIRST_FOUR_DIGIT_SECOND = -62_167_219_200L;

    private static final long FIRST_FIVE_DIGIT_SECOND = 253_402_300_800L;

    private InstantText() {}

    /** {@code instant.toString()}, the same text. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FOUR_DIGIT_SECOND || seconds >= FIRST_FIVE_DIGIT_SECOND) {
            return instant.toString();
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(30);
        append(text, time.getYear(), 4).append('-');
        append(text, time.getMonthValue(), 2).append('-');
        append(text, time.getDayOfMonth(), 2).append('T');
        append(text, time.getHour(), 2).append(':');
        append(text, time.getMinute(), 2).append(':');
        append(text, time.getSecond(), 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            text.append('.');
            if (nanos % 1_000_000 == 0) {
                append(text, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                append(text, nanos / 1_000, 6);
            } else {
                append(text, nanos, 9);
            }
        }
        return text.append('Z').toString();
    }

    /**
     * An instant as {@link #format} writes it ({@code 2026-10-10T12:57:21.943840Z}), read without a
     * {@code DateTimeFormatter}: {@link Instant#parse} cost a list page after a cursor 3 % of its CPU. Any other text is
     * read by {@link Instant#parse}, so both accept and refuse the same texts (InstantTextTest).
     */
    public static Instant parse(String text) {
        int length = text.length();
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        boolean fraction = length > 21 && text.charAt(19) == '.';
        int nanos = fraction && length <= 30 ? digits(text, 20, length - 1) : 0;
        if (length < 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z'
                || (fraction ? length > 30 : length != 20)
                || (year | month | day | hour | minute | second | nanos) < 0
                || hour > 23 // 24:00:00 is the next day's start for Instant.parse,
                || second > 59) { // and 23:59:60 a leap second
            return Instant.parse(text);
        }
        for (int i = length - 1; i < 29; i++) {
            nanos *= 10; // the fraction's digits as nanoseconds: .94384 is 943,840,000
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    }

    /** The decimal number written from {@code from} to {@code to} (exclusive), or -1 when it is not all digits. */
    private static int digits(String text, int from, int to) {
        if (to > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code value} with leading zeros to {@code width} digits. */
    private static StringBuilder append(StringBuilder text, int value, int width) {
        for (int power = pow10(width - 1); power > 0; power /= 10) {
            text.append((char) ('0' + value / power % 10));
        }
        return text;
    }

    private static int pow10(int exponent) {
        int power = 1;
        for (int i = 0; i < exponent; i++) {
            power *= 10;
        }
        return power;
    }
}
