package cn.fucai.cms.account;

import cn.fucai.cms.common.error.ProblemType;
import cn.fucai.cms.common.error.RouteProblems;
import cn.fucai.cms.common.http.Credentials;
import cn.fucai.cms.common.http.OpenApiConventions;
import cn.fucai.cms.common.http.RateLimiter;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;

/**
 * A request that carries the session cookie (and no bearer token) is authenticated before any other work. A write
 * made with it must carry the session's CSRF token in {@value #CSRF_HEADER}, or it is refused with 403 before it
 * reaches any resource: a page elsewhere can make the browser send the cookie, but cannot read the token. Sign-in
 * itself is exempt (it needs the password, and takes JSON only, which no cross-site form can send). A cookie of no
 * live session is dropped from the browser and the request goes on as anonymous.
 */
@ApplicationScoped
class SessionCheck {

    static final String CSRF_HEADER = OpenApiConventions.CSRF_HEADER;

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    /** After Quarkus has attached the (deferred) identity to the request, before any route or authorization runs. */
    private static final int PRIORITY = SecurityHandlerPriorities.AUTHENTICATION - 10;

    @Inject
    RouteProblems problems;

    @Inject
    SessionCookies cookies;

    void install(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        if (context.request().getHeader(HttpHeaders.AUTHORIZATION) != null
                || Credentials.sessionCookie(context.request()) == null) {
            context.next();
            return;
        }
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(context, null);
        if (identity == null) {
            context.next();
            return;
        }
        identity.subscribe().with(authenticated -> admit(context, authenticated), failure -> {
            if (!context.response().ended()) {
                context.fail(failure);
            }
        });
    }

    /** Whether a request is the sign-in, which needs no CSRF token: it carries the password instead. */
    static boolean isSignIn(HttpServerRequest request) {
        return request.method() == HttpMethod.POST && SessionResource.PATH.equals(request.path());
    }

    private void admit(RoutingContext context, SecurityIdentity identity) {
        SessionService.SignedIn session =
                identity.isAnonymous() ? null : identity.getAttribute(SessionIdentityProvider.SESSION);
        if (session == null) {
            cookies.clear(context);
            context.next();
            return;
        }
        boolean write = !SAFE.contains(context.request().method());
        String secret = identity.getAttribute(SessionIdentityProvider.SECRET);
        if (write
                && !isSignIn(context.request())
                && !SessionSecrets.csrfMatches(secret, context.request().getHeader(CSRF_HEADER))) {
            problems.send(
                    context,
                    ProblemType.CSRF_TOKEN_REQUIRED,
                    context.request().getHeader(CSRF_HEADER) == null
                            ? "send the session's CSRF token in " + CSRF_HEADER
                                    + " (it is in the sign-in answer and in GET /api/v1/session)"
                            : "the " + CSRF_HEADER + " header is not this session's token",
                    Map.of());
            return;
        }
        context.put(RateLimiter.CLIENT_KEY, session.caller().clientKey());
        context.next();
    }
}
