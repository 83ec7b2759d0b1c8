package cn.fucai.cms.common.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/**
 * The response cache keeps each answer gzipped, the form half of the readers take, and inflates it for the others, as a
 * proxy's gunzip does: JSON kept that way takes a third to a quarter of its plain bytes, so the same memory holds three
 * times the answers (docs/performance.md#compressed-cache).
 */
final class GzipBody {

    /** What {@link GZIPOutputStream} writes before the deflated bytes: no name, no comment, no extra field. */
    private static final int HEADER = 10;
    /** The CRC-32 and the length after them. */
    private static final int TRAILER = 8;
    /** One inflater a thread, reset for each answer: creating one costs more than inflating a 4 KB article. */
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(() -> new Inflater(true));

    private GzipBody() {}

    static byte[] gzip(byte[] plain, int level) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(plain.length / 3 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(level);
            }
        }) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /** The plain bytes of what {@link #gzip} made from {@code length} bytes. */
    static byte[] gunzip(byte[] gzipped, int length) {
        Inflater inflater = INFLATERS.get();
        inflater.reset();
        inflater.setInput(gzipped, HEADER, gzipped.length - HEADER - TRAILER);
        byte[] plain = new byte[length];
        int inflated = 0;
        try {
            while (!inflater.finished()) {
                if (inflated == length) { // every byte expected is out: the stream must end here
                    inflated += inflater.inflate(new byte[1]);
                    break;
                }
                int more = inflater.inflate(plain, inflated, length - inflated);
                if (more == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                inflated += more;
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("a kept answer is not the gzip it was stored as", e);
        }
        if (inflated != length || !inflater.finished()) {
            throw new IllegalStateException("a kept answer of " + length + " bytes did not inflate to as many");
        }
        return plain;
    }
}
