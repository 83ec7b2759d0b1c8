package cn.fucai.cms.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <token>}, the scheme in any case (RFC 9110); no header means an anonymous reader,
 * and any other header, blank included, fails authentication ({@link PresentedTokenCheck} answers it with 401).
 */
@ApplicationScoped
public class TokenAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String CHALLENGE = "Bearer realm=\"welfare-lottery-cms\"";
    private static final String BEARER = "Bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null) {
            return Uni.createFrom().optional(Optional.empty());
        }
        String secret = header.length() > BEARER.length()
                ? header.substring(BEARER.length()).strip()
                : "";
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || secret.isEmpty()) {
            return Uni.createFrom()
                    .failure(new AuthenticationFailedException("the Authorization header must be 'Bearer <token>'"));
        }
        return identityProviderManager.authenticate(
                new TokenAuthenticationRequest(new TokenCredential(secret, "bearer")));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
