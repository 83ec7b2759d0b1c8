package cn.fucai.cms.security;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Test only: for a request that asks with {@value #ASK}, tells in {@value #TOLD} which authentication-failure handler
 * the request carries once the HTTP layer's filters at {@link AuthFailureRouting#ORDER} have run.
 */
@ApplicationScoped
class AuthFailureProbe {

    static final String ASK = "X-Test-Auth-Failure-Probe";
    static final String TOLD = "X-Test-Auth-Failure-Handler";

    void install(@Observes Router router) {
        router.route().order(AuthFailureRouting.ORDER + 1).handler(this::tell);
    }

    private void tell(RoutingContext context) {
        if (context.request().getHeader(ASK) != null) {
            Object handler = context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
            context.response()
                    .putHeader(
                            TOLD,
                            handler == AuthFailureRouting.FAIL_ROUTING
                                    ? "routing"
                                    : handler == null
                                            ? "none"
                                            : handler.getClass().getName());
        }
        context.next();
    }
}
