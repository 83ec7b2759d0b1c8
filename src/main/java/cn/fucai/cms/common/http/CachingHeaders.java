package cn.fucai.cms.common.http;

import cn.fucai.cms.common.json.JsonBytes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Caching for every read of the API. A JSON answer that has no ETag of its own (lists, regions, summaries) gets a
 * strong one, the SHA-256 of its body, so that it changes whenever anything it shows changes, including a translation
 * or a publisher's name; If-None-Match then answers 304 without a body. Anonymous reads are {@code public} with a
 * max-age and stale-while-revalidate; anything asked with a token, and every write, is {@code private, no-store}.
 */
public class CachingHeaders {

    private final ObjectMapper json;
    private final SparseFields sparse;
    private final String publicCacheControl;

    public CachingHeaders(ObjectMapper json, SparseFields sparse, HttpConfig config) {
        this.json = json;
        this.sparse = sparse;
        this.publicCacheControl = publicCacheControl(config);
    }

    /** What shared caches are told of an answer that any reader may be given. */
    public static String publicCacheControl(HttpConfig config) {
        return "public, max-age=" + config.cache().maxAge() + ", stale-while-revalidate="
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
            return JsonBytes.write(json, body);
        }
        return JsonBytes.write(json, entity);
    }
}
