package cn.fucai.cms.security;

import cn.fucai.cms.common.http.Credentials;
import io.quarkus.arc.Arc;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;

/**
 * The one place that decides what the caller may do with a publisher's content. Resources declare the roles an
 * operation needs ({@code @RolesAllowed}); services ask this policy about the publisher a write or a draft belongs to.
 */
@ApplicationScoped
public class AccessPolicy {

    @Inject
    Instance<SecurityIdentity> identity;

    @Inject
    CurrentVertxRequest request;

    /**
     * Who is calling; outside an HTTP request (start-up loaders) the service itself. A request context can be active
     * without an HTTP request behind it, so the HTTP request itself is what decides.
     */
    public Caller caller() {
        RoutingContext http = Arc.container().requestContext().isActive() ? request.getCurrent() : null;
        if (http == null) {
            return Caller.SYSTEM;
        }
        String address = http.request().remoteAddress() == null
                ? null
                : http.request().remoteAddress().hostAddress();
        Caller signedIn = http.get(Caller.ATTRIBUTE);
        if (signedIn != null) {
            return signedIn.from(address);
        }
        if (!Credentials.presented(http.request())) {
            // anonymous, known without running the authentication mechanisms: with authentication on demand, asking
            // for the identity ran them for every anonymous list, search and summary (6-7 % of a summary's CPU)
            return Caller.anonymous(address);
        }
        SecurityIdentity current = identity.get();
        if (current.isAnonymous()) {
            return Caller.anonymous(address);
        }
        Caller caller = current.getAttribute(Caller.ATTRIBUTE);
        return caller.from(address);
    }

    /**
     * Whether the caller is anonymous, known without running the authentication mechanisms: an HTTP request that
     * presents no credentials and was not signed in during itself.
     */
    public boolean anonymous() {
        RoutingContext http = Arc.container().requestContext().isActive() ? request.getCurrent() : null;
        return http != null && http.get(Caller.ATTRIBUTE) == null && !Credentials.presented(http.request());
    }

    /**
     * From here to the end of this request the caller is {@code caller}: a sign-in, made by an anonymous request, is
     * recorded as the person's own act.
     */
    public void actAs(Caller caller) {
        RoutingContext http = request.getCurrent();
        if (http != null) {
            http.put(Caller.ATTRIBUTE, caller);
        }
    }

    /** Admins only: publishers, tokens, accounts. */
    public Caller requireAdmin() {
        Caller caller = requireToken();
        if (caller.role() != Role.admin) {
            throw new AccessDeniedException("only an admin may do this; " + caller.describe() + " is " + caller.role());
        }
        return caller;
    }

    /** Admins, and editors acting for this publisher: writes to its articles and figures. */
    public Caller requireWrite(UUID publisherId) {
        Caller caller = requireToken();
        if (!caller.role().writes() || !caller.actsFor(publisherId)) {
            throw new AccessDeniedException(
                    caller.describe() + " (" + caller.role() + ") may not write this publisher's content");
        }
        return caller;
    }

    /** Admins, and reviewers acting for this publisher: approving what waits for review. */
    public Caller requireReviewer(UUID publisherId) {
        Caller caller = requireToken();
        boolean reviews = caller.role() == Role.admin || caller.role() == Role.reviewer && caller.actsFor(publisherId);
        if (!reviews) {
            throw new AccessDeniedException(
                    caller.describe() + " (" + caller.role() + ") may not review this publisher's content");
        }
        return caller;
    }

    /** Whether the caller may see this publisher's drafts, archived and deleted articles. */
    public boolean mayReadUnpublished(UUID publisherId) {
        Caller caller = caller();
        return caller.role() != null && caller.role() != Role.sync && caller.actsFor(publisherId);
    }

    /** The publishers whose unpublished content the caller may list: null for all, empty for none. */
    public Set<UUID> unpublishedScope() {
        Caller caller = caller();
        if (caller.role() == null || caller.role() == Role.sync) {
            return Set.of();
        }
        return caller.publishers();
    }

    private Caller requireToken() {
        Caller caller = caller();
        if (caller.role() == null) {
            throw new UnauthorizedException("sign in, or send an API token: Authorization: Bearer <token>");
        }
        return caller;
    }
}
