package cn.fucai.cms.account;

import cn.fucai.cms.account.AccountDtos.AccountResponse;
import cn.fucai.cms.account.AccountDtos.PasswordChange;
import cn.fucai.cms.account.AccountDtos.SessionResponse;
import cn.fucai.cms.account.AccountDtos.SignInRequest;
import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.http.Credentials;
import cn.fucai.cms.common.http.OpenApiConventions;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Sign-in for people: a session cookie for the browser, the CSRF token for its writes, and sign-out. */
@Path(SessionResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions", description = "Sign-in, sign-out and the own password of people with an account")
public class SessionResource {

    static final String PATH = "/api/v1/session";

    @Inject
    SessionService sessions;

    @Inject
    AccountService accounts;

    @Inject
    SessionCookies cookies;

    @Inject
    SessionConfig config;

    @Inject
    SecurityIdentity identity;

    @PermitAll
    @POST
    @Extension(name = OpenApiConventions.NOT_IDEMPOTENT, value = "false")
    @Operation(
            summary = "Sign in",
            description = "Checks the login name and password and opens a session: the answer sets an HttpOnly,"
                    + " SameSite=Strict cookie and carries the CSRF token that writes made with it need. A cookie the"
                    + " browser still had is ended: every sign-in starts a new session. Repeated failures make"
                    + " the next attempts wait (429 with Retry-After). Not idempotent: no Idempotency-Key.")
    @APIResponse(
            responseCode = "201",
            description = "Signed in",
            headers = @Header(name = "Set-Cookie", description = "The session cookie"),
            content = @Content(schema = @Schema(implementation = SessionResponse.class)))
    @APIResponse(responseCode = "401", description = "The login name or password is wrong, or the account is disabled")
    @APIResponse(
            responseCode = "429",
            description = "Too many failed sign-ins for this account or from this address: retry after Retry-After",
            headers = @Header(name = "Retry-After", description = "Seconds to wait"))
    public RestResponse<SessionResponse> signIn(@Valid @NotNull SignInRequest body, @Context HttpServerRequest http) {
        String address =
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        SessionService.Outcome outcome = sessions.signIn(
                body.login(),
                body.password(),
                address,
                http.getHeader(HttpHeaders.USER_AGENT),
                Credentials.sessionCookie(http));
        if (outcome instanceof SessionService.Throttled throttled) {
            throw new SignInException.Throttled(throttled.retryAfter());
        }
        if (!(outcome instanceof SessionService.Opened opened)) {
            throw new SignInException.Failed();
        }
        return RestResponse.ResponseBuilder.<SessionResponse>created(URI.create(PATH))
                .entity(response(opened.session(), AccountResponse.from(opened.account()), opened.secret()))
                .header(HttpHeaders.SET_COOKIE, cookies.issue(opened.secret(), config.lifetime()))
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .build();
    }

    @RolesAllowed({"admin", "editor", "reviewer", "reader"})
    @GET
    @Operation(
            summary = "Get my session",
            description = "The signed-in account, when the session ends, and the CSRF token again (for a page that"
                    + " was reloaded). Only with the session cookie.")
    @APIResponse(responseCode = "200", description = "The session")
    public SessionResponse getSession() {
        SessionService.SignedIn session = signedIn();
        return response(
                session, AccountResponse.from(accounts.own(session.caller().accountId())), secret());
    }

    @RolesAllowed({"admin", "editor", "reviewer", "reader"})
    @DELETE
    @Operation(
            summary = "Sign out",
            description = "Ends the session on the server, at once and on every instance, and tells the browser to"
                    + " drop its cookie.")
    @APIResponse(
            responseCode = "204",
            description = "Signed out",
            headers = @Header(name = "Set-Cookie", description = "The cookie, expired"))
    public RestResponse<Void> signOut() {
        sessions.signOut(signedIn());
        return RestResponse.ResponseBuilder.<Void>noContent()
                .header(HttpHeaders.SET_COOKIE, cookies.expire())
                .build();
    }

    @RolesAllowed({"admin", "editor", "reviewer", "reader"})
    @PUT
    @Path("/password")
    @Operation(
            summary = "Change my password",
            description = "Needs the current password. Every other session of the account ends; this one stays.")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "429", description = "Too many wrong current passwords: retry after Retry-After")
    public void changePassword(@Valid @NotNull PasswordChange body, @Context HttpServerRequest http) {
        SessionService.SignedIn session = signedIn();
        String address =
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        if (!sessions.checkPassword(session, body.currentPassword(), address)) {
            throw new InvalidInputException("currentPassword", "is not the account's password");
        }
        accounts.changeOwnPassword(session.caller().accountId(), session.sessionId(), body.newPassword());
    }

    private SessionService.SignedIn signedIn() {
        SessionService.SignedIn session = identity.getAttribute(SessionIdentityProvider.SESSION);
        if (session == null) {
            throw new UnauthorizedException("this request has no session: sign in with POST " + PATH);
        }
        return session;
    }

    private String secret() {
        return identity.getAttribute(SessionIdentityProvider.SECRET);
    }

    private static SessionResponse response(SessionService.SignedIn session, AccountResponse account, String secret) {
        return new SessionResponse(
                account,
                SessionSecrets.csrfToken(secret),
                session.signedInAt(),
                session.idleExpiresAt(),
                session.expiresAt());
    }
}
