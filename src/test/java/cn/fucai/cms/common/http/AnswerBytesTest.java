package cn.fucai.cms.common.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An answer's JSON written through the thread's buffer ({@link CachingHeaders#write}) is byte for byte what Jackson
 * writes on its own: below, at and well past the buffer's first size, past the largest buffer a thread keeps, and
 * after a longer answer written before it on the same thread.
 */
class AnswerBytesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A page of {@code items} items, each with Chinese text (three bytes a character in UTF-8) and an emoji. */
    private static Map<String, Object> page(int items) {
        return Map.of(
                "items",
                IntStream.range(0, items)
                        .mapToObj(i -> Map.of(
                                "id", i,
                                "title", "河南省福利彩票发行中心公益金使用情况公告 第" + i + "期 🎫",
                                "tags", List.of("公益金", "福彩", "\"quoted\" \\ slash")))
                        .toList(),
                "nextCursor",
                "djF8c25hcHNob3R8");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 160, 2_000, 15_000})
    void writesWhatJacksonWrites(int items) throws Exception {
        Map<String, Object> page = page(items);
        byte[] expected = JSON.writeValueAsBytes(page);
        assertArrayEquals(expected, CachingHeaders.write(JSON, page), "a page of " + items + " items");
    }

    @Test
    void aShortAnswerAfterALongOneIsOnlyItself() throws Exception {
        for (int items : new int[] {2_000, 3, 15_000, 0, 700, 1}) {
            Map<String, Object> page = page(items);
            assertArrayEquals(
                    JSON.writeValueAsBytes(page), CachingHeaders.write(JSON, page), "a page of " + items + " items");
        }
    }
}
