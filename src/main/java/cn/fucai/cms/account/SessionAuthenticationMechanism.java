package cn.fucai.cms.account;

import cn.fucai.cms.common.http.Credentials;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the session cookie of a signed-in browser. A request with {@code Authorization} is the bearer token's, even
 * if the browser also sends the cookie: this mechanism comes after it and stays out. A cookie that names no live
 * session leaves the request anonymous ({@link SessionCheck} tells the browser to drop it).
 */
@ApplicationScoped
class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** A cookie's secret, to be checked against the live sessions. */
    static final class SessionRequest extends BaseAuthenticationRequest {

        private final String secret;

        SessionRequest(String secret) {
            this.secret = secret;
        }

        String secret() {
            return secret;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String secret = Credentials.sessionCookie(context.request());
        if (secret == null || context.request().getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return Uni.createFrom().optional(Optional.empty());
        }
        // a cookie of no live session: anonymous, not a failure, so that public reads still answer
        return identityProviderManager
                .authenticate(new SessionRequest(secret))
                .onFailure(AuthenticationFailedException.class)
                .recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().optional(Optional.empty());
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }

    /** After the bearer token's mechanism (default priority 1000). */
    @Override
    public int getPriority() {
        return 500;
    }
}
