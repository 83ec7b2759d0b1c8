package cn.fucai.cms.common.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.fucai.cms.common.error.InvalidInputException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A cursor's keys are read as what they are, and a tampered one is a 400 naming the cursor, not a database error. */
class CursorTest {

    @Test
    void anInstantKeyIsReadAsWritten() {
        Instant written = Instant.parse("2026-10-10T12:57:21.943840Z");
        assertEquals(written, new Cursor("q", List.of(written.toString())).instantKey(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-01-01T00:00:0aZ", "", "-infinity", "2026-01-01 00:00:00Z"})
    void aTamperedInstantKeyIsA400NamingTheCursor(String key) {
        InvalidInputException refused =
                assertThrows(InvalidInputException.class, () -> new Cursor("q", List.of(key)).instantKey(0));
        assertEquals("cursor", refused.violations().get(0).field());
    }
}
