package cn.fucai.cms.common.error;

import cn.fucai.cms.common.http.RequestLog;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Requests without a usable Host get the API's problem+json 400 naming it. HTTP/1.1 requests without one, or with one
 * that is not a host and port, are refused by the router before any route runs (Vert.x's 400, which Quarkus answered
 * in its own JSON and logged as an error); HTTP/1.0 ones, which may leave Host out, would reach the resources without
 * the absolute URI that links and problems are built from (a 500). The management interface (health checks, which
 * HAProxy sends as HTTP/1.0 without Host) has a router of its own and is not concerned.
 *
 * <p>Not reachable from here: a request line over {@code quarkus.http.limits.max-initial-line-length} (Vert.x answers
 * 414) and headers over the limit (431), each with its status and an empty body. A target that {@link java.net.URI}
 * refuses is read by {@code common/http/RequestTargets}.
 */
@ApplicationScoped
class UnroutableRequests {

    static final String DETAIL = "the request names no valid host: send the Host header (a host name, and a port from 1"
            + " to 65535 if any)";

    @Inject
    RouteProblems problems;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::refusedByRouter);
        // after the request log, so that the refusal is logged with its request id
        router.route().order(RequestLog.ORDER + 1).handler(this::requireHost);
    }

    private void refusedByRouter(RoutingContext context) {
        if (context.statusCode() == 400 && context.request().authority() == null) {
            problems.refuse(context, ProblemType.VALIDATION_FAILED, DETAIL, List.of());
        } else {
            context.next();
        }
    }

    private void requireHost(RoutingContext context) {
        if (context.request().authority() == null) {
            problems.refuse(context, ProblemType.VALIDATION_FAILED, DETAIL, List.of());
        } else {
            context.next();
        }
    }
}
