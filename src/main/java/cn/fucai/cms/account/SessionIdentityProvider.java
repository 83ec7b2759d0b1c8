package cn.fucai.cms.account;

import cn.fucai.cms.account.SessionAuthenticationMechanism.SessionRequest;
import cn.fucai.cms.security.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns a session cookie into the same identity a token gives: the account's role (a reviewer is an editor too) and
 * the publishers it acts for, so that every rule applies unchanged. A cookie of no live session is anonymous.
 */
@ApplicationScoped
class SessionIdentityProvider implements IdentityProvider<SessionRequest> {

    /** The attribute holding the {@link SessionService.SignedIn} session, and the cookie's secret for the CSRF check. */
    static final String SESSION = "cms.session";

    static final String SECRET = "cms.session.secret";

    @Inject
    SessionService sessions;

    @Override
    public Class<SessionRequest> getRequestType() {
        return SessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> sessions.authenticate(request.secret())
                .map(session -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(session.caller().name()))
                        .addRoles(session.caller().role().grants())
                        .addAttribute(Caller.ATTRIBUTE, session.caller())
                        .addAttribute(SESSION, session)
                        .addAttribute(SECRET, request.secret())
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("no live session")));
    }
}
