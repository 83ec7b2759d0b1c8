package cn.fucai.cms.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Answers a problem from a route filter, before any resource runs: the same body the exception mappers write. */
@ApplicationScoped
public class RouteProblems {

    private static final Logger LOG = Logger.getLogger(RouteProblems.class);

    @Inject
    ObjectMapper json;

    /** Ends the request with a problem of this type, with {@code headers} besides; nothing if it already ended. */
    public void send(RoutingContext context, ProblemType type, String detail, Map<String, String> headers) {
        if (context.response().ended()) {
            return;
        }
        Problem problem = new Problem(
                type.uri(),
                type.title(),
                type.status(),
                detail,
                context.request().path(),
                List.of());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            LOG.error("could not write a problem", e);
            body = "";
        }
        context.response()
                .setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        headers.forEach(context.response()::putHeader);
        context.response().end(body);
    }
}
