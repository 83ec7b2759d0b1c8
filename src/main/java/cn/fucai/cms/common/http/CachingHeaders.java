package cn.fucai.cms.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Caching for every read of the API. A JSON answer that has no ETag of its own (lists, regions, summaries) gets a
 * strong one, the SHA-256 of its body, so that it changes whenever anything it shows changes, including a translation
 * or a publisher's name; If-None-Match then answers 304 without a body. Anonymous reads are {@code public} with a
 * max-age and stale-while-revalidate; anything asked with a token, and every write, is {@code private, no-store}.
 */
public class CachingHeaders {

    /** What a thread's buffer for answers starts with; it grows to the largest answer the thread writes. */
    private static final int FIRST_BUFFER_BYTES = 16 * 1024;

    /** The largest buffer a thread keeps between answers: larger ones (a big export) are left to the collector. */
    private static final int LARGEST_KEPT_BYTES = 1024 * 1024;

    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

    private final ObjectMapper json;
    private final SparseFields sparse;
    private final String publicCacheControl;

    public CachingHeaders(ObjectMapper json, SparseFields sparse, HttpConfig config) {
        this.json = json;
        this.sparse = sparse;
        this.publicCacheControl = "public, max-age=" + config.cache().maxAge() + ", stale-while-revalidate="
                + config.cache().staleWhileRevalidate();
    }

    @ServerResponseFilter
    public void addCaching(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        boolean read = request.getMethod().equals(HttpMethod.GET)
                || request.getMethod().equals(HttpMethod.HEAD);
        boolean withCredentials = Credentials.presented(request);
        boolean cacheable = read && !withCredentials && (response.getStatus() == 200 || response.getStatus() == 304);
        if (response.getHeaderString(HttpHeaders.CACHE_CONTROL) == null) {
            // an operation that knows better says so itself (immutable media files)
            response.getHeaders()
                    .putSingle(HttpHeaders.CACHE_CONTROL, cacheable ? publicCacheControl : "private, no-store");
        }
        varyByEncoding(response);
        if (read
                && response.getStatus() == 200
                && response.hasEntity()
                && !(response.getEntity() instanceof byte[])
                && MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
            // written once, here: the bytes are hashed, sent, and kept by the response cache
            byte[] body = serialise(response.getEntity());
            response.setEntity(body, null, response.getMediaType());
            if (response.getEntityTag() == null) {
                EntityTag etag = new EntityTag("h" + Hashes.sha256Hex(body).substring(0, 32));
                response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
                String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
                if (ifNoneMatch != null && Representations.matchesWeakly(ifNoneMatch, etag)) {
                    response.setStatus(304);
                    response.setEntity(null);
                }
            }
        }
    }

    /**
     * Answers are gzipped for clients that accept it (quarkus.http.enable-compression), so shared caches must keep
     * the encodings apart. The ETag stays strong and the same for both: If-Match on a write compares it strongly, and a
     * browser that read a gzipped article must still be able to send it back.
     */
    private static void varyByEncoding(ContainerResponseContext response) {
        String vary = response.getHeaderString(HttpHeaders.VARY);
        if (vary == null || vary.isBlank()) {
            response.getHeaders().putSingle(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        } else if (!vary.toLowerCase(Locale.ROOT).contains("accept-encoding")) {
            response.getHeaders().putSingle(HttpHeaders.VARY, vary + ", " + HttpHeaders.ACCEPT_ENCODING);
        }
    }

    private byte[] serialise(Object entity) {
        if (sparse.any()) {
            JsonNode body = json.valueToTree(entity);
            sparse.apply(body);
            return write(json, body);
        }
        return write(json, entity);
    }

    /**
     * {@code value}'s JSON, written into the thread's own buffer and copied out once. {@code writeValueAsBytes} grows
     * a buffer in segments and copies them into the answer, some 2.5 times the body in garbage: half of all a sync page
     * allocated (90 KB pages), and each young collection pauses every request in flight. Netty's pool does not serve
     * here: Quarkus sizes its chunks at 64 KB, and a larger buffer is allocated anew each time.
     */
    static byte[] write(ObjectMapper json, Object value) {
        Output out = OUTPUT.get();
        out.reset();
        try {
            json.writeValue(out, value);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("response is not serialisable", e);
        } finally {
            if (out.capacity() > LARGEST_KEPT_BYTES) {
                OUTPUT.remove(); // a rare large answer's buffer is not held by the thread for good
            }
        }
    }

    /** A thread's buffer for the answers it writes, one at a time (nothing written calls {@link #write} again). */
    private static final class Output extends ByteArrayOutputStream {

        Output() {
            super(FIRST_BUFFER_BYTES);
        }

        int capacity() {
            return buf.length;
        }
    }
}
