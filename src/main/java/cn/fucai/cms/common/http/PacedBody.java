package cn.fucai.cms.common.http;

import java.io.InputStream;

/**
 * A response body from a blocking source (an object in S3, a spooled export), sent at the client's pace: each chunk is
 * read on a worker thread only once the client has taken the one before. A slow reader holds its socket and the source,
 * never a worker thread, so the worker pool can stay as small as the cores need (docs/performance.md, "Slow readers hold
 * no thread"). Written by {@link PacedBodyWriter}.
 *
 * @param source read to its end, and closed when the exchange ends, however it ends
 * @param length the number of bytes the source holds, or -1 when unknown (then the answer is chunked)
 */
public record PacedBody(InputStream source, long length) {

    /** A body of unknown length. */
    public static PacedBody of(InputStream source) {
        return new PacedBody(source, -1);
    }
}
