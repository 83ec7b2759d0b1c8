package cn.fucai.cms.common.paging;

import cn.fucai.cms.common.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A keyset position: the query it belongs to (sort order and filters, as a fingerprint) and the sort key values of
 * the last row served. Encoded as base64url so that clients treat it as opaque.
 */
public record Cursor(String query, List<String> keys) {

    private static final char SEPARATOR = '\u001f';

    public String encode() {
        StringBuilder raw = new StringBuilder("v1").append(SEPARATOR).append(query);
        for (String key : keys) {
            raw.append(SEPARATOR).append(key);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor issued for {@code expectedQuery} with {@code keyCount} keys; null stays null (first page).
     * Anything else, including a cursor from another sort order or filter, is a 400 naming the cursor.
     */
    public static Cursor decode(String encoded, String expectedQuery, int keyCount) {
        if (encoded == null || encoded.isEmpty()) {
            return null;
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("is not a cursor this API issued");
        }
        List<String> parts = split(raw);
        if (parts.size() != keyCount + 2 || !parts.get(0).equals("v1")) {
            throw invalid("is not a cursor this API issued");
        }
        if (!parts.get(1).equals(expectedQuery)) {
            throw invalid("was issued for another sort order or other filters; start again without a cursor");
        }
        return new Cursor(expectedQuery, parts.subList(2, parts.size()));
    }

    /** The key at {@code index} as a UUID; a tampered value is a 400, not a database error. */
    public UUID uuidKey(int index) {
        return key(index, UUID::fromString);
    }

    /** The key at {@code index} as an instant; a tampered value is a 400, not a database error. */
    public Instant instantKey(int index) {
        return key(index, Cursor::parseInstant);
    }

    /**
     * An instant as {@link Instant#toString()} writes it, the way cursors carry one ({@code 2026-10-10T12:57:21.94384Z}),
     * read without a {@code DateTimeFormatter}: {@link Instant#parse} cost a list page after a cursor 3 % of its CPU.
     * Any other text is read by {@link Instant#parse}, so both accept and refuse the same texts (CursorTest).
     */
    static Instant parseInstant(String text) {
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

    /** The key at {@code index} as a date; a tampered value is a 400, not a database error. */
    public LocalDate dateKey(int index) {
        return key(index, LocalDate::parse);
    }

    /** The key at {@code index} as a whole number; a tampered value is a 400, not a database error. */
    public int intKey(int index) {
        return key(index, Integer::valueOf);
    }

    private <T> T key(int index, Function<String, T> parse) {
        try {
            return parse.apply(keys.get(index));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw invalid("is not a cursor this API issued");
        }
    }

    /** A short fingerprint of a query's sort order and filters, so a cursor cannot be replayed on another query. */
    public static String fingerprint(String sort, Object... filters) {
        // Hash the text, not the objects: enum and identity hash codes change from one JVM run to the next, and a
        // cursor must survive a restart.
        return sort + ":" + Integer.toHexString(Arrays.deepToString(filters).hashCode());
    }

    private static List<String> split(String raw) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= raw.length(); i++) {
            if (i == raw.length() || raw.charAt(i) == SEPARATOR) {
                parts.add(raw.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("cursor", message);
    }
}
