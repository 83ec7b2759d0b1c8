package cn.fucai.cms.common.cache;

import cn.fucai.cms.common.cache.ResponseCache.CachedResponse;
import cn.fucai.cms.common.cache.ResponseCache.Dependencies;
import cn.fucai.cms.common.http.Credentials;
import cn.fucai.cms.common.http.RateLimiter;
import cn.fucai.cms.common.http.Representations;
import cn.fucai.cms.common.http.RouteTemplate;
import cn.fucai.cms.common.replica.ReadYourWritesFilter;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jdbi.v3.core.Jdbi;

/**
 * Serves GETs with a token of operations marked {@link SameForEveryCaller} from the {@link ResponseCache} on the event
 * loop, after the role checks (200, or 304 when If-None-Match names the cached ETag), and the anonymous GETs that
 * {@link ResponseCacheRoute} left to it (most anonymous hits are answered there, before RESTEasy); stores the 200s
 * computed. A
 * writer waits for its own changes to reach the cache before its answer leaves, so that whoever wrote reads what they
 * wrote, from this instance or, a notification later, from any other. Answers served from the cache say so in {@code
 * Server-Timing: cache;desc="hit"}.
 */
public class ResponseCacheFilter {

    private static final Logger LOG = Logger.getLogger(ResponseCacheFilter.class);
    private static final String PENDING = "cms.response-cache.pending";
    private static final String KEPT_OUT = "cms.response-cache.kept-out";
    private static final String LOOKED_UP = "cms.response-cache.looked-up";
    /** The Server-Timing entry of an answer served from the cache. */
    static final String HIT = "cache;desc=\"hit\"";
    /** A weight that refuses a coding: {@code q=0}, {@code q=0.000}. */
    private static final Pattern ZERO_WEIGHT = Pattern.compile("(?i)q\\s*=\\s*0(\\.0*)?");
    /** The response headers an answer is replayed with; Cache-Control is added again by the caching headers. */
    private static final List<String> REPLAYED = List.of(
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ETAG,
            HttpHeaders.LAST_MODIFIED,
            HttpHeaders.CONTENT_LANGUAGE,
            HttpHeaders.VARY,
            "Link");

    @Inject
    ResponseCache cache;

    @Inject
    Jdbi jdbi;

    @Inject
    RateLimiter limiter;

    /** An answer being computed for the cache: its key, and the generations it depends on. */
    private record Pending(String key, Dependencies dependencies) {}

    /**
     * Reads on the event loop, before the request is handed to a worker thread: a hit is answered there and never
     * waits for a worker, turns or the filters that run on it (the realistic mix, issue #17). Anonymous reads that the
     * route did not look up, and reads
     * with credentials of an operation that answers every caller alike (the partner feeds, whose mirrors are 15 % of
     * the mix): by then the caller is authenticated and the operation's role check has passed (Quarkus checks
     * {@code @RolesAllowed} as soon as the operation is matched, before any of its filters; {@code
     * CacheHitsWithoutWorkersTest} asks a cached feed page with an editor's token). Reads that count against a budget
     * ({@link RateLimiter}) are looked up by {@link #serveOnWorker}, after the limits. A caller is only ever answered
     * with what was computed for a caller like it: the key says whether credentials were presented.
     */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 200, nonBlocking = true)
    public Response serveOnEventLoop(ContainerRequestContext request, ResourceInfo resource, RoutingContext http) {
        if (!request.getMethod().equals(HttpMethod.GET)
                || limiter.counts(request)
                || Credentials.presented(request) && !sameForEveryCaller(resource)) {
            return null;
        }
        request.setProperty(LOOKED_UP, Boolean.TRUE);
        return serve(request, http);
    }

    // after authentication and rate limits, which run at Priorities.USER
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Response serveOnWorker(ContainerRequestContext request, ResourceInfo resource, RoutingContext http) {
        if (request.getProperty(LOOKED_UP) != null || Credentials.presented(request) && !sameForEveryCaller(resource)) {
            return null;
        }
        return serve(request, http);
    }

    private Response serve(ContainerRequestContext request, RoutingContext http) {
        if (!request.getMethod().equals(HttpMethod.GET)
                || !request.getUriInfo().getPath().startsWith("/api/")
                || !cache.active()) {
            return null;
        }
        String key = key(http.request());
        // an anonymous read ResponseCacheRoute found no answer for is not looked up again
        boolean missed = http.get(ResponseCacheRoute.MISSED) != null;
        CachedResponse cached = missed || bypasses(http.request()) ? null : cache.get(key);
        if (cached != null) {
            compressible(http.response());
            return replay(request, key, cached, acceptsGzip(request.getHeaderString(HttpHeaders.ACCEPT_ENCODING)));
        }
        Dependencies dependencies = cache.dependenciesOf(
                request.getUriInfo().getPath(), request.getUriInfo().getQueryParameters());
        if (dependencies != null) {
            request.setProperty(PENDING, new Pending(key, dependencies));
        }
        return null;
    }

    /**
     * Whether a read must be computed whatever is kept: a reader who revalidates ({@code Cache-Control: no-cache}), a
     * read after a write's position (this instance may not have heard of that write yet: another one answered it), and
     * a read conditional on a date alone.
     */
    static boolean bypasses(HttpServerRequest request) {
        String cacheControl = header(request, HttpHeaders.CACHE_CONTROL);
        return cacheControl != null && cacheControl.contains("no-cache")
                || request.getHeader(ReadYourWritesFilter.READ_AFTER) != null
                || request.getHeader(HttpHeaders.IF_NONE_MATCH) == null
                        && request.getHeader(HttpHeaders.IF_MODIFIED_SINCE) != null;
    }

    // response filters run from the highest priority down: this one after the caching headers (Priorities.USER)
    @ServerResponseFilter(priority = Priorities.USER - 100)
    public void store(ContainerRequestContext request, ContainerResponseContext response, RoutingContext http) {
        if (isWrite(request.getMethod()) && response.getStatus() < 400 && cache.active()) {
            awaitOwnChanges();
            return;
        }
        if (!(request.getProperty(PENDING) instanceof Pending pending)
                || response.getStatus() != 200
                || !(response.getEntity() instanceof byte[] body)
                || request.getProperty(KEPT_OUT) != null) {
            return;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : REPLAYED) {
            String value = response.getHeaderString(name);
            if (value != null) {
                headers.add(Map.entry(name, value));
            }
        }
        cache.store(
                pending.key(),
                body,
                List.copyOf(headers),
                response.getHeaderString(HttpHeaders.ETAG),
                RouteTemplate.of(http.request()),
                pending.dependencies());
    }

    /**
     * Keeps this request's answer out of the cache: for an answer that may change later without any change
     * notification, such as a feed page that ends at changes still hidden behind an open transaction.
     */
    public static void keepOut(ContainerRequestContext request) {
        request.setProperty(KEPT_OUT, Boolean.TRUE);
    }

    /** Whether the matched operation answers every caller alike (its security annotations have already let this one in). */
    public static boolean sameForEveryCaller(ResourceInfo resource) {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(SameForEveryCaller.class)
                        || resource.getResourceClass().isAnnotationPresent(SameForEveryCaller.class));
    }

    /**
     * Lets the HTTP server gzip a replayed answer for a client that asks. Quarkus marks every answer
     * {@code Content-Encoding: identity} and lifts the mark in the matched method's handler chain, which an answer
     * given by a request filter never reaches: without this, cache hits (JSON, always compressible) went out
     * uncompressed while the same answer computed went out gzipped.
     */
    static void compressible(HttpServerResponse http) {
        if ("identity".equals(http.headers().get(HttpHeaders.CONTENT_ENCODING))) {
            http.headers().remove(HttpHeaders.CONTENT_ENCODING);
        }
    }

    /**
     * Whether the client takes gzip ({@code gzip} listed with a weight above zero). Its cache hits get the gzipped bytes
     * kept, as they are (compressing each hit again halved the hits served per second, issue #17); the others get them
     * inflated. The HTTP server leaves an answer that already has a Content-Encoding as it is.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            if (parts[0].strip().equalsIgnoreCase("gzip")) {
                return parts.length < 2
                        || !ZERO_WEIGHT.matcher(parts[1].strip()).matches();
            }
        }
        return false;
    }

    private Response replay(ContainerRequestContext request, String key, CachedResponse cached, boolean gzipped) {
        boolean notModified = notModified(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), cached);
        Response.ResponseBuilder answer = notModified
                ? Response.notModified()
                : gzipped
                        ? Response.ok(cached.gzipped()).header(HttpHeaders.CONTENT_ENCODING, "gzip")
                        : Response.ok(cache.plainBody(key, cached));
        for (Map.Entry<String, String> header : replayedHeaders(cached, notModified)) {
            answer.header(header.getKey(), header.getValue());
        }
        return answer.header("Server-Timing", HIT).build();
    }

    /** Whether the reader holds the kept answer already: its If-None-Match names the answer's ETag. */
    static boolean notModified(String ifNoneMatch, CachedResponse cached) {
        return ifNoneMatch != null
                && cached.etag() != null
                && Representations.matchesWeakly(ifNoneMatch, cached.etag());
    }

    /** The kept headers a replay sends: all of them with the answer, all but its Content-Type with a 304. */
    static List<Map.Entry<String, String>> replayedHeaders(CachedResponse cached, boolean notModified) {
        if (!notModified) {
            return cached.headers();
        }
        return cached.headers().stream()
                .filter(header -> !header.getKey().equals(HttpHeaders.CONTENT_TYPE))
                .toList();
    }

    /** Sends a barrier through the change channel after this request's commit and waits until the listener has it. */
    private void awaitOwnChanges() {
        ResponseCache.Barrier barrier = cache.barrier();
        try {
            jdbi.useHandle(handle -> handle.createQuery("select pg_notify(:channel, :payload)")
                    .bind("channel", ResponseCache.CHANNEL)
                    .bind("payload", barrier.payload())
                    .mapTo(String.class)
                    .one());
            barrier.arrived().get();
        } catch (ExecutionException e) {
            LOG.warnf("no barrier back from the change listener (%s); dropping every cached answer", e.getCause());
            cache.invalidateAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cache.invalidateAll();
        } catch (RuntimeException e) {
            LOG.warnf(
                    "could not send a barrier to the change listener (%s); dropping every cached answer",
                    e.getMessage());
            cache.invalidateAll();
        }
    }

    private static boolean isWrite(String method) {
        return method.equals(HttpMethod.POST)
                || method.equals(HttpMethod.PUT)
                || method.equals(HttpMethod.DELETE)
                || method.equals(HttpMethod.PATCH);
    }

    /**
     * The request as far as it can change the answer: whether credentials were presented, path and query as sent
     * (Vert.x's text, not a {@code URI} parsed from it, which cost 1.5 % of a computed list page), and the negotiated
     * headers.
     */
    static String key(HttpServerRequest request) {
        return (Credentials.presented(request) ? "with credentials\n" : "")
                + request.uri()
                + '\n'
                + nullToEmpty(header(request, HttpHeaders.ACCEPT))
                + '\n'
                + nullToEmpty(header(request, HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** A header's value, its lines joined with commas as JAX-RS joins them; null when it was not sent. */
    static String header(HttpServerRequest request, String name) {
        List<String> values = request.headers().getAll(name);
        return values.isEmpty() ? null : values.size() == 1 ? values.get(0) : String.join(",", values);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
