package cn.fucai.cms.security;

import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder.DefaultAuthFailureHandler;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.BiConsumer;

/**
 * What a request's authentication failure does before a resource is reached: fail the routing context, so that the
 * failure handlers answer it — what Quarkus REST itself puts in place of the HTTP layer's default, without the rest
 * of what it does there. With metrics on, Quarkus REST's filter (priority 199, right after authentication's 200) also
 * works out the request's route template for the metrics, in case authentication fails before a resource does, and
 * for that builds a new {@code RequestMapper} over every resource class on every request
 * ({@code ObservabilityIntegrationRecorder.setTemplatePath}): 3.8 % of the request threads' CPU and 8 % of the bytes
 * allocated for a computed article (issue #17, docs/performance.md#per-request-work). Its filter acts only while the
 * default handler is in place; this route, added with the application's routes and so before the filters of the same
 * order, replaces the default first. Authentication here is never proactive: a failure happens when a resource asks
 * who calls, after the resource's own match has set the template.
 */
@ApplicationScoped
class AuthFailureRouting {

    /** The route order of Quarkus REST's filter (filters are routed at minus their priority); authentication's is -200. */
    static final int ORDER = -199;

    /** The same as Quarkus REST's own replacement: mark the failure, then fail the routing context with its cause. */
    static final BiConsumer<RoutingContext, Throwable> FAIL_ROUTING = (context, failure) -> {
        DefaultAuthFailureHandler.markIfOtherAuthenticationFailure(context, failure);
        if (!context.failed()) {
            context.fail(DefaultAuthFailureHandler.extractRootCause(failure));
        }
    };

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::replaceDefault);
    }

    private void replaceDefault(RoutingContext context) {
        if (context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER) instanceof DefaultAuthFailureHandler) {
            context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, FAIL_ROUTING);
        }
        context.next();
    }
}
