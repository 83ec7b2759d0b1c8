package cn.fucai.cms.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Instants written as {@link Instant#toString()} writes them, and read as {@link Instant#parse} reads them. */
class InstantTextTest {

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
    void readAsInstantParseReadsIt(String text) {
        assertEquals(Instant.parse(text), InstantText.parse(text));
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
    void refusedAsInstantParseRefusesIt(String text) {
        assertThrows(DateTimeException.class, () -> Instant.parse(text));
        assertThrows(DateTimeException.class, () -> InstantText.parse(text));
    }

    /** Texts of the shape with characters changed at random: read alike, or refused alike. */
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
            assertEquals(
                    outcome(() -> Instant.parse(candidate)), outcome(() -> InstantText.parse(candidate)), candidate);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-10-10T12:57:21.943840Z",
                "2026-10-10T12:57:21Z",
                "2026-10-10T12:57:21.900Z",
                "2026-10-10T12:57:21.000000001Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z",
                "-0001-12-31T23:59:59Z",
                "1969-12-31T23:59:59.999999Z"
            })
    void writtenAsInstantToStringWritesIt(String text) {
        Instant instant = Instant.parse(text);
        assertEquals(instant.toString(), InstantText.format(instant));
        assertEquals(instant, InstantText.parse(InstantText.format(instant)));
    }

    /** Instants drawn over four millennia at every precision: the same text as toString, read back the same. */
    @Test
    void randomInstantsAreWrittenAsToStringWritesThem() {
        Random random = new Random(4_000);
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("4000-01-01T00:00:00Z").getEpochSecond();
        int[] precisions = {1, 1_000, 1_000_000, 1_000_000_000};
        for (int i = 0; i < 50_000; i++) {
            long seconds = first + (long) (random.nextDouble() * (last - first));
            int unit = precisions[random.nextInt(precisions.length)];
            Instant instant = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000) / unit * unit);
            assertEquals(instant.toString(), InstantText.format(instant));
            assertEquals(instant, InstantText.parse(InstantText.format(instant)));
        }
    }

    private static Object outcome(Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (DateTimeException e) {
            return "refused";
        }
    }
}
