package cn.fucai.cms.common.replica;

import cn.fucai.cms.common.cache.ResponseCacheFilter;
import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.http.Credentials;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.sql.SQLException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Read-your-writes when reads may come from a replica. A successful write answers {@value #COMMIT_POSITION}, the
 * primary's position after its commit; a read that sends it back as {@value #READ_AFTER} sees that write, whichever
 * instance serves it. Anonymous GETs may read from the replica, and so may GETs with a token of operations that answer
 * every caller alike ({@code @SameForEveryCaller}: the partner feeds); any other request with
 * credentials reads from the primary, so a signed-in editor or a token reads what it wrote.
 */
public class ReadYourWritesFilter {

    public static final String COMMIT_POSITION = "Commit-Position";
    public static final String READ_AFTER = "Read-After";

    private static final Logger LOG = Logger.getLogger(ReadYourWritesFilter.class);

    @Inject
    ReadRouting routing;

    @Inject
    RequestReads reads;

    @Inject
    SecurityIdentity identity;

    // after authentication and rate limits, which run at Priorities.USER
    @ServerRequestFilter(priority = Priorities.USER + 50)
    public void route(ContainerRequestContext request, ResourceInfo resource) {
        if (!routing.replicaConfigured()
                || !(request.getMethod().equals(HttpMethod.GET)
                        || request.getMethod().equals(HttpMethod.HEAD))) {
            return;
        }
        if (Credentials.presented(request)) {
            if (!ResponseCacheFilter.sameForEveryCaller(resource)) {
                return;
            }
            // who the caller is was read on the primary, before any read of this request may go elsewhere
            identity.isAnonymous();
        }
        String readAfter = request.getHeaderString(READ_AFTER);
        Long position = readAfter == null ? Long.valueOf(0) : CommitPosition.parse(readAfter);
        if (position == null) {
            throw new InvalidInputException(
                    READ_AFTER, "must be a position as a write's " + COMMIT_POSITION + " gives it, like 0/16B3748");
        }
        reads.allowReplica(position);
    }

    @ServerResponseFilter
    public void answerPosition(ContainerRequestContext request, ContainerResponseContext response) {
        if (!routing.replicaConfigured() || response.getStatus() >= 400 || !isWrite(request.getMethod())) {
            return;
        }
        try {
            long position = routing.primaryPosition();
            routing.mustSee(position);
            response.getHeaders().putSingle(COMMIT_POSITION, CommitPosition.format(position));
        } catch (SQLException e) {
            // the write is done; only the position is missing, and a client without it reads what any reader reads
            LOG.warnf("no commit position for a write (%s)", e.getMessage());
        }
    }

    private static boolean isWrite(String method) {
        return method.equals(HttpMethod.POST)
                || method.equals(HttpMethod.PUT)
                || method.equals(HttpMethod.DELETE)
                || method.equals(HttpMethod.PATCH);
    }
}
