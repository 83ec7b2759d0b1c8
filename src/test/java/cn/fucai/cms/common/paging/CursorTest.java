package cn.fucai.cms.common.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.fucai.cms.common.error.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A cursor's instant is read as {@link Instant#parse} reads it: the same instant, or the same refusal (a 400). */
class CursorTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-10-10T12:57:21.943840Z",
                "2026-10-10T12:57:21Z",
                "2026-10-10T12:57:21.9Z",
                "2026-10-10T12:57:21.123456789Z",
                "2024-02-29T23:59:59.999Z",
                "1970-01-01T00:00:00Z",
                "0001-01-01T00:00:00.000000001Z",
                "2026-12-31T24:00:00Z", // the next day's start
                "2016-12-31T23:59:60Z", // a leap second
                "+12026-01-01T00:00:00Z",
                "2026-10-10t12:57:21z",
                "2026-01-01T00:00:00.Z" // a point without digits, which Instant.parse takes too
            })
    void anInstantAsInstantParseReadsIt(String text) {
        assertEquals(Instant.parse(text), Cursor.parseInstant(text));
        assertEquals(Instant.parse(text), cursorWith(text).instantKey(0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-13-01T00:00:00Z",
                "2026-02-30T00:00:00Z",
                "2025-02-29T00:00:00Z",
                "2026-01-01T25:00:00Z",
                "2026-01-01T00:60:00Z",
                "2026-01-01T00:00:61Z",
                "2026-01-01T00:00:00.1234567890Z",
                "2026-01-01T00:00:00",
                "2026-01-01 00:00:00Z",
                "2026-1-01T00:00:00Z",
                "2026-01-01T00:00:0aZ",
                "２０２６-01-01T00:00:00Z",
                "",
                "-infinity"
            })
    void aTamperedInstantIsA400NamingTheCursor(String text) {
        InvalidInputException refused =
                assertThrows(InvalidInputException.class, () -> cursorWith(text).instantKey(0));
        assertEquals("cursor", refused.violations().get(0).field());
    }

    /** Texts of the cursor's shape with every character drawn at random: read alike, or refused alike. */
    @Test
    void randomTextsOfTheShapeAreReadAsInstantParseReadsThem() {
        Random random = new Random(20261204);
        String alphabet = "0123456789012345678901234567890123456789-:.TZtz ";
        for (int i = 0; i < 20_000; i++) {
            char[] text = "2026-10-10T12:57:21.943840Z"
                    .substring(0, 20 + random.nextInt(8))
                    .toCharArray();
            for (int changes = random.nextInt(4); changes > 0; changes--) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String candidate = new String(text) + (random.nextInt(10) == 0 ? "" : "Z");
            Object expected = outcome(() -> Instant.parse(candidate));
            assertEquals(expected, outcome(() -> Cursor.parseInstant(candidate)), candidate);
        }
    }

    private static Object outcome(Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return "refused";
        }
    }

    private static Cursor cursorWith(String key) {
        return new Cursor("q", List.of(key));
    }
}
