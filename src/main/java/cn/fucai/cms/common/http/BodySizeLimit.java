package cn.fucai.cms.common.http;

import cn.fucai.cms.common.config.LimitsConfig;
import cn.fucai.cms.common.error.PayloadTooLargeException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Request bodies over the configured size get 413: by their Content-Length before anything is read, and, for bodies
 * sent without one, as soon as the reader passes the limit ({@link BoundedBodyReader}). Batch imports and media uploads
 * have limits of their own.
 */
public class BodySizeLimit {

    /** The request property that carries the limit to {@link BoundedBodyReader}. */
    static final String LIMIT = "cms.body-limit";

    private final LimitsConfig limits;

    public BodySizeLimit(LimitsConfig limits) {
        this.limits = limits;
    }

    // on the event loop, as every filter before the response cache's (ResponseCacheFilter#serveOnEventLoop) must be
    @ServerRequestFilter(preMatching = true, nonBlocking = true)
    public void checkDeclaredLength(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        long limit = path.endsWith("/batch")
                ? limits.batchBodyBytes()
                : path.equals("/api/v1/media") ? limits.uploadBodyBytes() : limits.bodyBytes();
        request.setProperty(LIMIT, limit);
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null
                && length.chars().allMatch(Character::isDigit)
                && length.length() < 19
                && Long.parseLong(length) > limit) {
            throw new PayloadTooLargeException(limit);
        }
    }
}
