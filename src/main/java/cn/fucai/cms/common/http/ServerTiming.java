package cn.fucai.cms.common.http;

import cn.fucai.cms.common.sql.StatementCount;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * With {@code cms.server-timing=true}, every API answer says how many SQL statements it took, in a standard
 * {@code Server-Timing} header ({@code sql;desc="2 statements"}) that browsers' developer tools show: a list that
 * grows with its page size would show here first.
 */
public class ServerTiming {

    private final boolean enabled;

    public ServerTiming(HttpConfig config) {
        this.enabled = config.serverTiming();
    }

    // on the event loop, as every filter before the response cache's (ResponseCacheFilter#serveOnEventLoop) must be;
    // the count is kept on the request's Vert.x context, which follows it to its worker thread
    @ServerRequestFilter(preMatching = true, nonBlocking = true)
    public void begin(ContainerRequestContext request) {
        if (enabled) {
            StatementCount.begin();
        }
    }

    @ServerResponseFilter
    public void report(ContainerRequestContext request, ContainerResponseContext response) {
        int statements = StatementCount.current();
        if (enabled && statements >= 0) {
            response.getHeaders().add("Server-Timing", "sql;desc=\"" + statements + " statements\"");
        }
    }
}
