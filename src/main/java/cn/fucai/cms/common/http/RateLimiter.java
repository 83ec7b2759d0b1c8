package cn.fucai.cms.common.http;

import cn.fucai.cms.common.config.LimitsConfig;
import cn.fucai.cms.common.error.TooManyRequestsException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jdbi.v3.core.Jdbi;

/**
 * Per-minute budgets for writes and for expensive reads (summaries, search, CSV exports), kept per caller: the id of
 * the token it authenticated with, or without one its client address (the TCP peer, or what a trusted proxy forwarded:
 * quarkus.http.proxy.*). Over budget: 429 with Retry-After. Every limited response carries RateLimit-Limit,
 * RateLimit-Remaining and RateLimit-Reset. By default budgets are per service instance, at most
 * {@link LimitsConfig#trackedCallers()} callers tracked, the least used evicted first, so that memory and the cost of a
 * limited request stay the same however many callers there are. With {@link LimitsConfig#shared()} they are counted
 * in PostgreSQL, across every instance.
 */
public class RateLimiter {

    /** Where the authentication check leaves an authenticated caller's key on the request's routing context. */
    public static final String CLIENT_KEY = "cms.rate-limit.client";

    private static final String STATE = "cms.rate-limit";

    private final LimitsConfig limits;
    private final Cache<String, Window> windows;
    private final Jdbi shared;
    private final AtomicLong sweptMinute = new AtomicLong();

    /** With {@code jdbi} null, or cms.limits.shared off, budgets are counted in this instance only. */
    public RateLimiter(LimitsConfig limits, Jdbi jdbi) {
        this.limits = limits;
        this.shared = limits.shared() ? jdbi : null;
        // maintenance on the calling thread: the bound holds at once, with no background task to fall behind
        this.windows = Caffeine.newBuilder()
                .maximumSize(limits.trackedCallers())
                .expireAfterWrite(Duration.ofMinutes(1))
                .executor(Runnable::run)
                .build();
    }

    /** A fixed one-minute window of one client's requests of one kind. */
    private record Window(long minute, AtomicInteger used) {}

    /** What the response filter reports: the budget and what is left of it. */
    record Budget(int limit, int remaining, long resetSeconds) {}

    @ServerRequestFilter
    public void limit(ContainerRequestContext request, RoutingContext http) {
        String kind = kind(request);
        int limit = limitOf(kind);
        if (limit <= 0) {
            return;
        }
        Budget budget = spend(kind + "|" + client(http), limit, System.currentTimeMillis());
        if (budget.remaining() < 0) {
            throw new TooManyRequestsException(
                    limit, budget.resetSeconds(), kind.equals("writes") ? "writes" : "summaries, searches or exports");
        }
        request.setProperty(STATE, budget);
    }

    /** Whether this request counts against a budget: a write or an expensive read, with its limit configured. */
    public boolean counts(ContainerRequestContext request) {
        return limitOf(kind(request)) > 0;
    }

    /**
     * Whether a GET of this path may count against the expensive-reads budget, whatever it accepts: the response cache
     * leaves such reads to the filters that spend the budget.
     */
    public boolean mayCount(String path) {
        return limits.expensiveReadsPerMinute() > 0 && (expensive(path) || exportable(path));
    }

    private int limitOf(String kind) {
        return kind == null ? 0 : kind.equals("writes") ? limits.writesPerMinute() : limits.expensiveReadsPerMinute();
    }

    /** Spends one request of a caller's budget for the current minute; what is left is negative when it was over. */
    Budget spend(String key, int limit, long nowMillis) {
        long minute = nowMillis / 60_000;
        long resetSeconds = Math.max(1, ((minute + 1) * 60_000 - nowMillis + 999) / 1000);
        if (shared != null) {
            return new Budget(limit, limit - spendShared(key, minute), resetSeconds);
        }
        Window window = windows.asMap()
                .compute(
                        key, (k, w) -> w == null || w.minute() != minute ? new Window(minute, new AtomicInteger()) : w);
        return new Budget(limit, limit - window.used().incrementAndGet(), resetSeconds);
    }

    @ServerResponseFilter
    public void report(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STATE) instanceof Budget budget) {
            response.getHeaders().putSingle("RateLimit-Limit", budget.limit());
            response.getHeaders().putSingle("RateLimit-Remaining", budget.remaining());
            response.getHeaders().putSingle("RateLimit-Reset", budget.resetSeconds());
        }
    }

    /**
     * Counts one request in PostgreSQL, where every instance counts: one upsert on the primary (this filter runs before
     * a read may be routed to a replica). The first request of each minute in this instance sweeps older minutes.
     */
    private int spendShared(String key, long minute) {
        long swept = sweptMinute.get();
        if (swept < minute && sweptMinute.compareAndSet(swept, minute)) {
            shared.useHandle(handle -> handle.createUpdate("delete from rate_budget where minute < :minute")
                    .bind("minute", minute)
                    .execute());
        }
        return shared.withHandle(handle -> handle.createQuery("""
                        insert into rate_budget as b (caller, minute, used) values (:caller, :minute, 1)
                        on conflict (caller, minute) do update set used = b.used + 1
                        returning used""")
                .bind("caller", key)
                .bind("minute", minute)
                .mapTo(Integer.class)
                .one());
    }

    /** How many callers' budgets are held now (for the bound's test and the benchmark). */
    long trackedCallers() {
        windows.cleanUp();
        return windows.estimatedSize();
    }

    /** "writes", "reads" for expensive reads, or null for requests that are not limited. */
    private static String kind(ContainerRequestContext request) {
        String method = request.getMethod();
        if (method.equals(HttpMethod.POST)
                || method.equals(HttpMethod.PUT)
                || method.equals(HttpMethod.DELETE)
                || method.equals(HttpMethod.PATCH)) {
            return "writes";
        }
        String path = request.getUriInfo().getPath();
        if (method.equals(HttpMethod.GET)
                && (expensive(path)
                        || exportable(path)
                                && request.getAcceptableMediaTypes().stream()
                                        .anyMatch(t -> t.getSubtype().equals("csv")))) {
            return "reads";
        }
        return null;
    }

    /** Summaries and searches: every read of them counts. */
    private static boolean expensive(String path) {
        return path.endsWith("/summary") || path.contains("/search");
    }

    /** Figures: a read counts when it asks for CSV, an export. */
    private static boolean exportable(String path) {
        return path.contains("-figures");
    }

    /** The authenticated token's key, else the client address; never anything the client wrote itself. */
    private static String client(RoutingContext http) {
        String token = http.get(CLIENT_KEY);
        return token != null
                ? token
                : "address:" + http.request().remoteAddress().hostAddress();
    }
}
