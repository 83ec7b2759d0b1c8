package cn.fucai.cms.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The request id made when a client sends none: a random version-4 UUID in its canonical text, never repeated. */
class RequestIdTest {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    @Test
    void idsAreDistinctVersionFourUuids() {
        Set<String> seen = new HashSet<>();
        int[] highNibbles = new int[16];
        for (int i = 0; i < 20_000; i++) {
            String id = RequestLog.newRequestId();
            assertTrue(CANONICAL.matcher(id).matches(), id);
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertEquals(id, uuid.toString());
            assertTrue(seen.add(id), "repeated: " + id);
            highNibbles[Character.digit(id.charAt(0), 16)]++;
        }
        // the random bits are spread: every first hex digit turns up near 1/16 of the time (1,250 expected)
        for (int count : highNibbles) {
            assertTrue(count > 1_000 && count < 1_500, "first digits " + Arrays.toString(highNibbles));
        }
    }
}
