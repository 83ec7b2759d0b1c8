package cn.fucai.cms.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns a bearer secret into an identity with the token's role and the publishers it acts for. */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    @Inject
    TokenLookup tokens;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        Caller known = tokens.knownInMemory(request.getToken().getToken());
        if (known != null) {
            // answered on the event loop: a kept token costs no hand-off to a worker thread (issue #17)
            return Uni.createFrom().item(identity(known));
        }
        return context.runBlocking(() -> identity(tokens.authenticate(
                        request.getToken().getToken())
                .orElseThrow(() -> new AuthenticationFailedException("the token is unknown, expired or revoked"))));
    }

    private static SecurityIdentity identity(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.name()))
                .addRoles(caller.role().grants())
                .addAttribute(Caller.ATTRIBUTE, caller)
                .build();
    }
}
