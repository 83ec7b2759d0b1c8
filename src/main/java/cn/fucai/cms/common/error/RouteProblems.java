package cn.fucai.cms.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Answers a problem from a route filter, before any resource runs: the same body the exception mappers write. */
@ApplicationScoped
public class RouteProblems {

    private static final Logger LOG = Logger.getLogger(RouteProblems.class);

    @Inject
    ObjectMapper json;

    /**
     * The API's security headers, for the problems of the router's first routes, which the routes that add them
     * (quarkus.http.header, .filter) have not reached yet.
     */
    @ConfigProperty(name = "quarkus.http.header.\"X-Content-Type-Options\".value")
    String noSniff;

    @ConfigProperty(name = "quarkus.http.filter.api-csp.header.\"Content-Security-Policy\"")
    String csp;

    /** Ends a request refused before routing with a problem of this type, and the API's security headers. */
    public void refuse(
            RoutingContext context, ProblemType type, String detail, List<Problem.FieldViolation> violations) {
        send(
                context,
                type,
                detail,
                violations,
                Map.of("X-Content-Type-Options", noSniff, "Content-Security-Policy", csp));
    }

    /** Ends the request with a problem of this type, with {@code headers} besides; nothing if it already ended. */
    public void send(RoutingContext context, ProblemType type, String detail, Map<String, String> headers) {
        send(context, type, detail, List.of(), headers);
    }

    /** The same, naming the fields or parameters at fault. */
    public void send(
            RoutingContext context,
            ProblemType type,
            String detail,
            List<Problem.FieldViolation> violations,
            Map<String, String> headers) {
        if (context.response().ended()) {
            return;
        }
        Problem problem = new Problem(
                type.uri(),
                type.title(),
                type.status(),
                detail,
                context.request().path(),
                violations);
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
