package cn.fucai.cms.common.http;

import cn.fucai.cms.common.config.LimitsConfig;
import cn.fucai.cms.common.error.TooManyRequestsException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Per-minute budgets for writes and for expensive reads (summaries, search, CSV exports), kept per token (by a hash
 * of the Authorization header) or, without one, per client address. Over budget: 429 with Retry-After. Every limited
 * response carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset. Budgets are per service instance.
 */
public class RateLimiter {

    private static final String STATE = "cms.rate-limit";
    private static final int MAX_TRACKED = 100_000;

    private final LimitsConfig limits;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(LimitsConfig limits) {
        this.limits = limits;
    }

    /** A fixed one-minute window of one client's requests of one kind. */
    private record Window(long minute, AtomicInteger used) {
    }

    /** What the response filter reports: the budget and what is left of it. */
    private record Budget(int limit, int remaining, long resetSeconds) {
    }

    @ServerRequestFilter
    public void limit(ContainerRequestContext request, HttpServerRequest http) {
        String kind = kind(request);
        int limit = kind == null ? 0 : kind.equals("writes") ? limits.writesPerMinute() : limits.expensiveReadsPerMinute();
        if (limit <= 0) {
            return;
        }
        long now = System.currentTimeMillis();
        long minute = now / 60_000;
        long resetSeconds = Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        String key = kind + "|" + client(request, http);
        Window window = windows.compute(key, (k, w) -> w == null || w.minute() != minute ? new Window(minute, new AtomicInteger()) : w);
        int used = window.used().incrementAndGet();
        if (used > limit) {
            throw new TooManyRequestsException(limit, resetSeconds, kind.equals("writes") ? "writes" : "summaries, searches or exports");
        }
        request.setProperty(STATE, new Budget(limit, limit - used, resetSeconds));
    }

    @ServerResponseFilter
    public void report(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STATE) instanceof Budget budget) {
            response.getHeaders().putSingle("RateLimit-Limit", budget.limit());
            response.getHeaders().putSingle("RateLimit-Remaining", budget.remaining());
            response.getHeaders().putSingle("RateLimit-Reset", budget.resetSeconds());
        }
    }

    /** "writes", "reads" for expensive reads, or null for requests that are not limited. */
    private static String kind(ContainerRequestContext request) {
        String method = request.getMethod();
        if (method.equals(HttpMethod.POST) || method.equals(HttpMethod.PUT) || method.equals(HttpMethod.DELETE)
                || method.equals(HttpMethod.PATCH)) {
            return "writes";
        }
        String path = request.getUriInfo().getPath();
        boolean csv = request.getAcceptableMediaTypes().stream().anyMatch(t -> t.getSubtype().equals("csv"));
        if (method.equals(HttpMethod.GET) && (path.endsWith("/summary") || path.contains("/search") || csv && path.contains("-figures"))) {
            return "reads";
        }
        return null;
    }

    private static String client(ContainerRequestContext request, HttpServerRequest http) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) {
            return "token:" + Hashes.sha256Hex(authorization);
        }
        return "address:" + http.remoteAddress().hostAddress();
    }
}
