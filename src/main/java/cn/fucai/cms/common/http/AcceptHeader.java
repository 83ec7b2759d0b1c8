package cn.fucai.cms.common.http;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads the Accept header once, before anything asks what it accepts: a blank one is taken as absent (any type), and
 * one that does not parse accepts nothing the API serves, a 406 that says what the route serves (every operation
 * documents it). Left to RESTEasy, a blank or unparsable Accept was a 500 wherever a filter asked for the acceptable
 * types (the rate limiter, to tell a CSV export) and an unexplained 400 where a route serves more than one type.
 */
public class AcceptHeader {

    // on the event loop, as every filter before the response cache's (ResponseCacheFilter#serveOnEventLoop) must be
    @ServerRequestFilter(preMatching = true, nonBlocking = true)
    public void check(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null) {
            return;
        }
        if (accept.isBlank()) {
            request.getHeaders().remove(HttpHeaders.ACCEPT);
            return;
        }
        try {
            request.getAcceptableMediaTypes();
        } catch (IllegalArgumentException unparsable) {
            throw new NotAcceptableException(unparsable.getMessage());
        }
    }
}
