package cn.fucai.cms.common.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The response cache's kept form: gzip any client can read, and back to the very bytes it was made from. */
class GzipBodyTest {

    static List<byte[]> bodies() {
        byte[] incompressible = new byte[300_000];
        new Random(17).nextBytes(incompressible);
        return List.of(
                new byte[0],
                "{}".getBytes(StandardCharsets.UTF_8),
                "{\"title\":\"温州市福彩中心公益金使用情况公告\",\"amount\":\"743.90\"}"
                        .repeat(400)
                        .getBytes(StandardCharsets.UTF_8),
                incompressible);
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void whatIsKeptIsOneGzipLayerAroundThePlainBytesAndInflatesBackToThem(byte[] plain) throws IOException {
        byte[] gzipped = GzipBody.gzip(plain, 1);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
        assertArrayEquals(plain, GzipBody.gunzip(gzipped, plain.length));
        assertArrayEquals(plain, GzipBody.gunzip(gzipped, plain.length), "the thread's inflater is reset between uses");
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void aLengthThatIsNotTheKeptOnesIsAnErrorNotATruncatedAnswer(byte[] plain) {
        byte[] gzipped = GzipBody.gzip(plain, 1);
        assertThrows(IllegalStateException.class, () -> GzipBody.gunzip(gzipped, plain.length + 1));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void damagedBytesAreAnErrorNotAnotherAnswer(byte[] plain) {
        byte[] gzipped = GzipBody.gzip(plain, 1);
        byte[] damaged = Arrays.copyOf(gzipped, gzipped.length);
        Arrays.fill(damaged, 10, damaged.length - 8, (byte) 0xff);
        assertThrows(IllegalStateException.class, () -> GzipBody.gunzip(damaged, plain.length));
    }
}
