package cn.fucai.cms.common.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One log line per request, when its answer has been sent: method, route template, status, duration, path and a
 * request id. The id is the client's {@code X-Request-Id} when it sent a usable one, else the trace id of its W3C
 * {@code traceparent}, else a new one; it is returned in {@code X-Request-Id} (and {@code traceparent} is echoed) and
 * sits in the MDC as {@code requestId}, so that every line logged for the request carries it. Headers and query
 * strings are never logged: no token can reach the log this way.
 */
@ApplicationScoped
public class RequestLog {

    private static final Logger LOG = Logger.getLogger(RequestLog.class);
    private static final String REQUEST_ID = "X-Request-Id";
    private static final String TRACEPARENT = "traceparent";
    private static final Pattern USABLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern W3C_TRACEPARENT =
            Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    /** Just after {@link RequestTargets}, which may route the request again with its target encoded. */
    public static final int ORDER = RequestTargets.ORDER + 1;

    private final boolean enabled;

    RequestLog(HttpConfig config) {
        this.enabled = config.requestLog().enabled();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::begin);
    }

    private void begin(RoutingContext context) {
        long start = System.nanoTime();
        HttpServerRequest request = context.request();
        String traceparent = request.getHeader(TRACEPARENT);
        var trace = traceparent == null ? null : W3C_TRACEPARENT.matcher(traceparent);
        String traceId = trace != null && trace.matches() ? trace.group(1) : null;
        String given = request.getHeader(REQUEST_ID);
        String requestId = given != null && USABLE_ID.matcher(given).matches()
                ? given
                : traceId != null ? traceId : newRequestId();
        context.response().putHeader(REQUEST_ID, requestId);
        if (traceId != null) {
            context.response().putHeader(TRACEPARENT, traceparent);
        }
        MDC.put("requestId", requestId);
        if (!enabled) {
            context.next();
            return;
        }
        context.addEndHandler(ended -> {
            String millis = tenths(System.nanoTime() - start);
            String method = request.method().name();
            String route = route(context);
            String status = Integer.toString(context.response().getStatusCode());
            MDC.put("requestId", requestId);
            MDC.put("method", method);
            MDC.put("route", route);
            MDC.put("status", status);
            MDC.put("durationMs", millis);
            try {
                // built by hand: a printf-style format (a Formatter and its locale's symbols each time) cost as much
                // as writing the line
                LOG.info(method + " " + route + " " + status + " " + millis + " ms " + request.path() + " id="
                        + requestId);
            } finally {
                MDC.remove("method");
                MDC.remove("route");
                MDC.remove("status");
                MDC.remove("durationMs");
                MDC.remove("requestId");
            }
        });
        context.next();
    }

    /**
     * A random version-4 UUID drawn from the thread's own generator. A request id tells requests apart and guards
     * nothing, so it needs no {@code SecureRandom}: {@code UUID.randomUUID} took 0.7 % of a computed list page.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~0xC000_0000_0000_0000L | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    /** Nanoseconds as milliseconds with one decimal, rounded half up: 1234567 → "1.2". */
    static String tenths(long nanos) {
        long tenths = (Math.max(nanos, 0) + 50_000) / 100_000;
        return tenths / 10 + "." + tenths % 10;
    }

    /** The route template the request matched, or "-" when no API route did (a 404, a static file). */
    private static String route(RoutingContext context) {
        String template = RouteTemplate.of(context.request());
        return template == null ? "-" : template;
    }
}
