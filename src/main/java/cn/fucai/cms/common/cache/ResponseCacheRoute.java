package cn.fucai.cms.common.cache;

import cn.fucai.cms.common.cache.ResponseCache.CachedResponse;
import cn.fucai.cms.common.http.CachingHeaders;
import cn.fucai.cms.common.http.Credentials;
import cn.fucai.cms.common.http.HttpConfig;
import cn.fucai.cms.common.http.RateLimiter;
import cn.fucai.cms.common.http.RouteTemplate;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Map;

/**
 * Anonymous cache hits, answered as the request arrives: a Vert.x route ahead of RESTEasy's, so that a hit — nine
 * answers in ten of the realistic mix — does not pay for matching a resource, a request scope, two chains of filters
 * and a JAX-RS response built and written (docs/performance.md#hits-before-resteasy). It answers exactly as {@link
 * ResponseCacheFilter} would: the same key, the kept headers, gzip or plain, 304, the public Cache-Control, the same
 * Server-Timing, and the route template of the answer kept, for the request log and the HTTP metrics. Whatever it does
 * not answer goes on to RESTEasy unchanged: a miss (which the filter does not look up again), a read with credentials
 * (its role must be checked first), a read that may count against a budget, one with a body, one that bypasses the
 * cache.
 */
@ApplicationScoped
public class ResponseCacheRoute {

    /** Set on a request this route looked up and did not find. */
    static final String MISSED = "cms.response-cache.missed";

    private final ResponseCache cache;
    private final RateLimiter limiter;
    private final String publicCacheControl;
    private final boolean serverTiming;

    ResponseCacheRoute(ResponseCache cache, RateLimiter limiter, HttpConfig config) {
        this.cache = cache;
        this.limiter = limiter;
        this.publicCacheControl = CachingHeaders.publicCacheControl(config);
        this.serverTiming = config.serverTiming();
    }

    void install(@Observes Router router) {
        // after the request log, the host check, Quarkus's headers, CORS and compression; before RESTEasy
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::serve);
    }

    private void serve(RoutingContext http) {
        HttpServerRequest request = http.request();
        if (request.method() != HttpMethod.GET
                || !request.path().startsWith("/api/")
                || Credentials.presented(request)
                || hasBody(request)
                || limiter.mayCount(request.path())
                || ResponseCacheFilter.bypasses(request)
                || !cache.active()) {
            http.next();
            return;
        }
        String key = ResponseCacheFilter.key(request);
        CachedResponse cached = cache.get(key);
        if (cached == null) {
            http.put(MISSED, Boolean.TRUE);
            http.next();
            return;
        }
        replay(request, http.response(), key, cached);
    }

    private void replay(HttpServerRequest request, HttpServerResponse response, String key, CachedResponse cached) {
        RouteTemplate.set(request, cached.route());
        ResponseCacheFilter.compressible(response);
        boolean notModified = ResponseCacheFilter.notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH), cached);
        MultiMap headers = response.headers();
        for (Map.Entry<String, String> header : ResponseCacheFilter.replayedHeaders(cached, notModified)) {
            headers.add(header.getKey(), header.getValue());
        }
        headers.set(HttpHeaders.CACHE_CONTROL, publicCacheControl);
        headers.add("Server-Timing", ResponseCacheFilter.HIT);
        if (serverTiming) {
            headers.add("Server-Timing", "sql;desc=\"0 statements\"");
        }
        if (notModified) {
            response.setStatusCode(304).end();
        } else if (ResponseCacheFilter.acceptsGzip(ResponseCacheFilter.header(request, HttpHeaders.ACCEPT_ENCODING))) {
            headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
            response.end(Buffer.buffer(cached.gzipped()));
        } else {
            response.end(Buffer.buffer(cache.plainBody(key, cached)));
        }
    }

    /** A GET with a body is left to RESTEasy, whose filters check its declared size. */
    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null && !length.equals("0") || request.getHeader("Transfer-Encoding") != null;
    }
}
