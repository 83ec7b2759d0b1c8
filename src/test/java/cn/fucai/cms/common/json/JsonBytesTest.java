package cn.fucai.cms.common.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSON written through the thread's buffer ({@link JsonBytes#write}) is byte for byte what Jackson
 * writes on its own: below, at and well past the buffer's first size, past the largest buffer a thread keeps, and
 * after a longer value written before it on the same thread.
 */
class JsonBytesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A page of {@code items} items, each with Chinese text (three bytes a character in UTF-8) and an emoji. */
    private static Map<String, Object> page(int items) {
        return Map.of(
                "items",
                IntStream.range(0, items)
                        .mapToObj(i -> Map.of(
                                "id",
                                i,
                                "title",
                                "河南省福利彩票发行中心公益金使用情况公告 第" + i + "期 🎫",
                                "tags",
                                List.of("公益金", "福彩", "\"quoted\" \\ slash")))
                        .toList(),
                "nextCursor",
                "djF8c25hcHNob3R8");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 160, 2_000, 15_000})
    void writesWhatJacksonWrites(int items) throws Exception {
        Map<String, Object> page = page(items);
        byte[] expected = JSON.writeValueAsBytes(page);
        assertArrayEquals(expected, JsonBytes.write(JSON, page), "a page of " + items + " items");
    }

    @Test
    void aShortAnswerAfterALongOneIsOnlyItself() throws Exception {
        for (int items : new int[] {2_000, 3, 15_000, 0, 700, 1}) {
            Map<String, Object> page = page(items);
            assertArrayEquals(
                    JSON.writeValueAsBytes(page), JsonBytes.write(JSON, page), "a page of " + items + " items");
        }
    }

    /** A value whose serialisation writes another value's JSON through {@link JsonBytes} on the same thread. */
    private record Nested(Map<String, Object> inner) implements JsonSerializable {

        @Override
        public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeStartObject();
            generator.writeStringField("innerJson", new String(JsonBytes.write(JSON, inner), StandardCharsets.UTF_8));
            generator.writeEndObject();
        }

        @Override
        public void serializeWithType(JsonGenerator generator, SerializerProvider provider, TypeSerializer types)
                throws IOException {
            serialize(generator, provider);
        }
    }

    @Test
    void aValueWrittenWhileAnotherIsDoesNotShareItsBuffer() throws Exception {
        Nested nested = new Nested(page(300));
        String inner = new String(JSON.writeValueAsBytes(page(300)), StandardCharsets.UTF_8);
        byte[] expected = JSON.writeValueAsBytes(Map.of("innerJson", inner));
        assertArrayEquals(expected, JsonBytes.write(JSON, nested));
        // and the thread's buffer serves again afterwards
        assertArrayEquals(JSON.writeValueAsBytes(page(5)), JsonBytes.write(JSON, page(5)));
    }
}
