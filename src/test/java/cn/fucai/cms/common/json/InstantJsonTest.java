package cn.fucai.cms.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API's instants are written as the Java time module wrote them before InstantText: the same JSON, byte for byte. */
class InstantJsonTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-10-10T12:57:21.943840Z",
                "2026-10-10T12:57:21Z",
                "2026-10-10T12:57:21.100Z",
                "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z"
            })
    void writtenAsTheJavaTimeModuleWritesIt(String text) throws Exception {
        ObjectMapper before = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ObjectMapper now = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new JsonSettings().customize(now);
        Map<String, Object> body = Map.of("publishedAt", Instant.parse(text), "标题", "福彩");
        assertEquals(before.writeValueAsString(body), now.writeValueAsString(body));
        assertEquals("\"" + Instant.parse(text) + "\"", now.writeValueAsString(Instant.parse(text)));
    }
}
