package cn.fucai.cms.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.EntityTag;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Random;
import org.jboss.resteasy.reactive.common.util.DateUtil;
import org.junit.jupiter.api.Test;

/** Last-Modified is written as Quarkus REST wrote it from a Date: an IMF-fixdate in GMT, to the second. */
class HttpDateTest {

    @Test
    void aLastModifiedIsTheHttpDateOfItsSecond() {
        Instant modified = Instant.parse("2026-01-06T03:49:00.987654Z");
        assertEquals("Tue, 06 Jan 2026 03:49:00 GMT", Representations.httpDate(modified));
        assertEquals(
                "Tue, 06 Jan 2026 03:49:00 GMT",
                Representations.notModified(new EntityTag("h1"), modified).getHeaderString("Last-Modified"));
    }

    @Test
    void randomInstantsAreWrittenAsQuarkusRestWroteThemAndReadBackToTheSecond() {
        Random random = new Random(1994);
        long first = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    first + (long) (random.nextDouble() * (last - first)), random.nextInt(1_000_000_000));
            String written = Representations.httpDate(instant);
            assertEquals(DateUtil.formatDate(Date.from(instant)), written);
            assertEquals(
                    instant.getEpochSecond(),
                    ZonedDateTime.parse(written, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toEpochSecond());
        }
    }
}
