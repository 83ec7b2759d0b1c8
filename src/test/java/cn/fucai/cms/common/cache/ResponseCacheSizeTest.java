package cn.fucai.cms.common.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How much the response cache may hold: what is configured, else a quarter of the heap. */
class ResponseCacheSizeTest {

    private static final long MIB = 1024L * 1024L;

    @Test
    void withoutASettingTheCacheTakesAQuarterOfTheHeap() {
        assertEquals(128 * MIB, ResponseCache.maxBytes(Optional.empty(), 512 * MIB));
        assertEquals(1536 * MIB, ResponseCache.maxBytes(Optional.empty(), 6144 * MIB));
    }

    @Test
    void aSettingWinsWhateverTheHeap() {
        assertEquals(64 * MIB, ResponseCache.maxBytes(Optional.of(64), 512 * MIB));
        assertEquals(3000 * MIB, ResponseCache.maxBytes(Optional.of(3000), 512 * MIB));
        assertEquals(0, ResponseCache.maxBytes(Optional.of(0), 512 * MIB));
    }
}
