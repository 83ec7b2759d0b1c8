package cn.fucai.cms.security;

import cn.fucai.cms.common.error.ProblemType;
import cn.fucai.cms.common.error.RouteProblems;
import cn.fucai.cms.common.http.RateLimiter;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * A request that carries {@code Authorization} is authenticated before any other work, on every route: a header that
 * does not name a valid token gets 401 problem+json, whatever the resource, so that a bogus token can neither pass as
 * anonymous (a fresh rate-limit budget, no response cache) nor tell an unpublished article from a missing one.
 * Requests without the header stay anonymous and are not slowed down. An authenticated caller's rate-limit key is its
 * token id, so every spelling of one token is the same caller.
 */
@ApplicationScoped
class PresentedTokenCheck {

    /** After Quarkus has attached the (deferred) identity to the request, before any route or authorization runs. */
    private static final int PRIORITY = SecurityHandlerPriorities.AUTHENTICATION - 10;

    @Inject
    RouteProblems problems;

    void install(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        if (context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            context.next();
            return;
        }
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(context, null);
        if (identity == null) {
            reject(context, "send an API token: Authorization: Bearer <token>");
            return;
        }
        identity.subscribe()
                .with(
                        authenticated -> {
                            if (authenticated.isAnonymous()) {
                                reject(context, "the Authorization header must be 'Bearer <token>'");
                                return;
                            }
                            Caller caller = authenticated.getAttribute(Caller.ATTRIBUTE);
                            context.put(RateLimiter.CLIENT_KEY, caller.clientKey());
                            context.next();
                        },
                        // Quarkus usually answers a failed authentication itself, through the failure handler that
                        // reaches ProblemMappers; whatever it leaves unanswered is answered here
                        failure -> {
                            if (failure instanceof AuthenticationFailedException) {
                                reject(context, failure.getMessage());
                            } else if (!context.response().ended()) {
                                context.fail(failure);
                            }
                        });
    }

    private void reject(RoutingContext context, String detail) {
        String message = detail == null || detail.isBlank() ? "the token is unknown, expired or revoked" : detail;
        problems.send(
                context,
                ProblemType.UNAUTHORIZED,
                message,
                Map.of("WWW-Authenticate", TokenAuthenticationMechanism.CHALLENGE));
    }
}
