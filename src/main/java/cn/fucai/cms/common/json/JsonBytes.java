package cn.fucai.cms.common.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A value's JSON as bytes, written into the thread's own buffer and copied out once. {@code writeValueAsBytes} grows a
 * buffer in segments and copies them into the answer, some 2.5 times the body in garbage: half of all a computed sync
 * page allocated (90 KB pages), and each young collection pauses every request in flight. Netty's pool does not serve
 * here: Quarkus sizes its chunks at 64 KB, and a larger buffer is allocated anew each time.
 */
public final class JsonBytes {

    /** What a thread's buffer starts with; it grows to the largest JSON the thread writes. */
    private static final int FIRST_BUFFER_BYTES = 16 * 1024;

    /** The largest buffer a thread keeps between writes: larger ones (a big summary) are left to the collector. */
    private static final int LARGEST_KEPT_BYTES = 1024 * 1024;

    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

    private JsonBytes() {}

    /** {@code value} as {@code json} writes it. */
    public static byte[] write(ObjectMapper json, Object value) {
        Output out = OUTPUT.get();
        try {
            if (out.busy) {
                // a value written while another is (a serialiser writing JSON of its own): not into the same buffer
                return json.writeValueAsBytes(value);
            }
            out.busy = true;
            try {
                out.reset();
                json.writeValue(out, value);
                return out.toByteArray();
            } finally {
                out.busy = false;
                if (out.capacity() > LARGEST_KEPT_BYTES) {
                    OUTPUT.remove(); // a rare large value's buffer is not held by the thread for good
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("a value is written as JSON", e);
        }
    }

    /** A thread's buffer, for one value at a time. */
    private static final class Output extends ByteArrayOutputStream {

        /** Whether a value is being written into it. */
        boolean busy;

        Output() {
            super(FIRST_BUFFER_BYTES);
        }

        int capacity() {
            return buf.length;
        }
    }
}
