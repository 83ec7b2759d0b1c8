package cn.fucai.cms.common.paging;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.time.InstantText;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
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
        return key(index, InstantText::parse);
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
