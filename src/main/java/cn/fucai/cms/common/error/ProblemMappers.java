package cn.fucai.cms.common.error;

import cn.fucai.cms.common.http.Routes;
import cn.fucai.cms.common.http.Routes.Route;
import cn.fucai.cms.common.json.InvalidTextException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/** Turns every failure into an application/problem+json response; the one place errors are shaped. */
public class ProblemMappers {

    @Inject
    Routes routes;

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String UNIQUE_VIOLATION = "23505";
    /** SQLSTATE class 22: a value the database cannot take (bad encoding, out of range); the client's fault. */
    private static final String DATA_EXCEPTION_CLASS = "22";
    /** A statement stopped by statement_timeout (or cancelled), and a lock not granted within lock_timeout. */
    private static final String QUERY_CANCELED = "57014";

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private static final String FORM_CUT_SHORT = "the multipart body ends before its closing boundary: send the whole"
            + " form, its parts delimited by the boundary its Content-Type names";

    private static final String FORM_UNPARSABLE = "the multipart form does not parse: name a boundary in its"
            + " Content-Type (multipart/form-data; boundary=…) and send at most 1,000 fields";

    private static final String COLLIDED = "the request collided with another one at the same time; send it again";

    @ServerExceptionMapper
    public Response apiException(ApiException e, UriInfo uri) {
        Response response = problem(e.type(), e.getMessage(), uri, e.violations());
        if (e.headers().isEmpty()) {
            return response;
        }
        Response.ResponseBuilder withHeaders = Response.fromResponse(response);
        e.headers().forEach(withHeaders::header);
        return withHeaders.build();
    }

    /** No token, or one that is unknown, expired or revoked: 401 with the challenge. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        String detail = e.getMessage() == null || e.getMessage().isBlank()
                ? "send an API token: Authorization: Bearer <token>"
                : e.getMessage();
        return Response.fromResponse(problem(ProblemType.UNAUTHORIZED, detail, uri))
                .header("WWW-Authenticate", "Bearer realm=\"welfare-lottery-cms\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .build();
    }

    /** A valid token without the role an operation needs. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(ProblemType.FORBIDDEN, "the caller's role may not do this", uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldViolation(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldViolation::field)
                        .thenComparing(Problem.FieldViolation::message))
                .toList();
        if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::isReturnValue)) {
            LOG.errorf(e, "response failed validation: %s", violations);
            return problem(ProblemType.INTERNAL_ERROR, "the server produced an invalid response", uri);
        }
        return problem(
                ProblemType.VALIDATION_FAILED, new InvalidInputException(violations).getMessage(), uri, violations);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return problem(ProblemType.MALFORMED_REQUEST, describeJsonError(e), uri, jsonViolations(e));
    }

    /** Quarkus maps this subtype to an empty 400 itself; a mapper for the exact type takes precedence. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(
            WebApplicationException e, UriInfo uri, HttpHeaders headers, RoutingContext request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        if (e.getCause() instanceof ApiException parameter) {
            // a parameter that did not convert (common/http/TypedParameters), which JAX-RS wraps in a 404
            return apiException(parameter, uri);
        }
        // a parameter whose conversion needed the database (a publisher by slug) while it could not answer: JAX-RS
        // wraps that in a 404 too, but the database's failure decides
        Response database = database(e, uri);
        if (database != null) {
            return database;
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri, headers);
        }
        ProblemType type = ProblemType.forStatus(status);
        // 405, 406 and 415 are RESTEasy's refusals before it chose a method: the route table knows what it did not
        Optional<Route> route =
                status == 405 || status == 406 || status == 415 ? routes.name(request) : Optional.empty();
        String method = request.request().method().name();
        String detail = switch (status) {
            case 404 -> "nothing is served at " + uri.getPath();
            case 405 ->
                route.map(r -> "this resource takes " + r.allow()).orElse("this resource does not take " + method);
            case 406 ->
                "this resource serves " + route.map(r -> r.media(method, true)).orElse(MediaType.APPLICATION_JSON)
                        + "; adjust the Accept header";
            case 415 ->
                "send the request body as "
                        + route.map(r -> r.media(method, false)).orElse(MediaType.APPLICATION_JSON);
            default -> e.getMessage();
        };
        Response.ResponseBuilder response = Response.fromResponse(problem(type, detail, uri));
        if (status == 405) {
            route.ifPresent(r -> response.header(HttpHeaders.ALLOW, r.allow()));
        }
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    /** The catch-all: concurrency and constraint races get their proper status; anything else is logged, never shown. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        for (Throwable cause : causes(e)) {
            if (cause instanceof ApiException api) {
                return apiException(api, uri);
            }
            if ((cause instanceof IOException || cause instanceof RuntimeException) && fromTheFormParser(cause)) {
                // read before any resource runs: an upload cut short, or parts the named boundary does not delimit
                // (the parser's IOException); an empty boundary, or more fields than it takes (its runtime failures)
                return problem(
                        ProblemType.MALFORMED_REQUEST,
                        cause instanceof IOException ? FORM_CUT_SHORT : FORM_UNPARSABLE,
                        uri);
            }
            if (cause instanceof IOException) {
                // a body written as its source is read (a media file, a CSV export) whose source failed at once
                LOG.debugf("client left during %s: %s", rawPath(uri), cause.getMessage());
                return problem(ProblemType.INTERNAL_ERROR, "the answer could not be written", uri);
            }
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                // 412 answers a precondition the client set; without one, the client only has to send it again
                if (headers.getHeaderString(HttpHeaders.IF_MATCH) == null) {
                    return retryLater(COLLIDED, uri, 1);
                }
                return problem(
                        ProblemType.PRECONDITION_FAILED,
                        "the resource was changed by another request at the same time; read it again and retry",
                        uri);
            }
            // before an IOException further down: the driver's broken connection carries one as its cause
            Response database = cause instanceof SQLException ? database(cause, uri) : null;
            if (database != null) {
                return database;
            }
        }
        LOG.errorf(e, "unhandled error on %s", rawPath(uri));
        return problem(ProblemType.INTERNAL_ERROR, "an unexpected error occurred; it has been logged", uri);
    }

    /** Whether RESTEasy's multipart parser raised this, while it read the request's form. */
    private static boolean fromTheFormParser(Throwable e) {
        String parser = MultipartParser.class.getPackageName() + ".";
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith(parser)) {
                return true;
            }
        }
        return false;
    }

    /** The answer to the first database failure among the causes of {@code e}; null when there is none. */
    private static Response database(Throwable e, UriInfo uri) {
        for (Throwable cause : causes(e)) {
            if (cause instanceof SQLException sql && (sql.getSQLState() != null || isConnectionFailure(sql))) {
                Response answer = database(sql, uri);
                if (answer != null) {
                    return answer;
                }
            }
        }
        return null;
    }

    /**
     * {@code e} and what lies behind it, in order: each cause, and the exceptions suppressed along the way. A commit that
     * fails because its connection died carries the database's error only as a suppressed exception of the rollback.
     */
    private static List<Throwable> causes(Throwable e) {
        List<Throwable> found = new ArrayList<>();
        Deque<Throwable> pending = new ArrayDeque<>(List.of(e));
        while (!pending.isEmpty() && found.size() < 50) {
            Throwable next = pending.removeFirst();
            if (found.stream().noneMatch(seen -> seen == next)) {
                found.add(next);
                if (next.getCause() != null) {
                    pending.addFirst(next.getCause());
                }
                pending.addAll(List.of(next.getSuppressed()));
            }
        }
        return found;
    }

    /**
     * A database failure in the service's own words, by SQLSTATE class: never PostgreSQL's message, which names columns
     * and types; that goes to the log. Null for a failure that is the service's fault (then a logged 500).
     */
    private static Response database(SQLException sql, UriInfo uri) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (isConnectionFailure(sql) || state.startsWith("53") || state.startsWith("57P")) {
            LOG.warnf("database unreachable on %s: %s", rawPath(uri), sql.getMessage());
            return retryLater("the database cannot be reached; try again shortly", uri, 5);
        }
        if (state.equals(QUERY_CANCELED) || state.equals(LOCK_NOT_AVAILABLE)) {
            LOG.warnf("statement stopped by its time limit on %s: %s", rawPath(uri), sql.getMessage());
            return retryLater("the request took longer than the service allows; narrow it or try again later", uri, 10);
        }
        if (state.startsWith("40")) {
            LOG.infof("transaction rolled back by the database on %s: %s", rawPath(uri), sql.getMessage());
            return retryLater(COLLIDED, uri, 1);
        }
        if (state.startsWith(DATA_EXCEPTION_CLASS)) {
            LOG.warnf("database refused a value on %s: %s", rawPath(uri), sql.getMessage());
            return problem(
                    ProblemType.VALIDATION_FAILED,
                    "a value in the request is outside what the service can store (a number, date or text out of range)",
                    uri);
        }
        if (state.equals(UNIQUE_VIOLATION)) {
            return problem(
                    ProblemType.CONFLICT,
                    "another request created the same slug at the same time; choose another slug",
                    uri);
        }
        if (state.startsWith("23")) {
            LOG.warnf("database refused a write on %s: %s", rawPath(uri), sql.getMessage());
            return problem(
                    ProblemType.CONFLICT,
                    "the request conflicts with the stored content; read it again and retry",
                    uri);
        }
        return null;
    }

    /** The path as it came, still percent-encoded: a decoded line break could forge a log line. */
    private static String rawPath(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }

    /** A 503 with Retry-After: the request may well succeed when sent again. */
    private static Response retryLater(String detail, UriInfo uri, int seconds) {
        return Response.fromResponse(problem(ProblemType.SERVICE_UNAVAILABLE, detail, uri))
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(seconds))
                .build();
    }

    /** SQL state class 08 (connection exception), or the pool giving up waiting for a connection. */
    private static boolean isConnectionFailure(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08")
                || e.getSQLState() == null
                        && e.getMessage() != null
                        && e.getMessage().contains("acquisition timeout");
    }

    private static Response problem(ProblemType type, String detail, UriInfo uri) {
        return problem(type, detail, uri, List.of());
    }

    private static Response problem(
            ProblemType type, String detail, UriInfo uri, List<Problem.FieldViolation> violations) {
        Problem body = new Problem(
                type.uri(),
                type.title(),
                type.status(),
                detail,
                "/" + uri.getPath().replaceFirst("^/", ""),
                violations);
        return Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(body)
                .build();
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The name a client knows: "title" or "translations[0].locale" for a body field (method and parameter nodes
     * dropped), the query parameter name for a parameter.
     */
    private static String fieldName(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        Iterator<Path.Node> it = nodes.iterator();
        while (it.hasNext()) {
            Path.Node node = it.next();
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CROSS_PARAMETER) {
                it.remove();
            }
        }
        if (nodes.size() > 1 && nodes.get(0).getKind() == ElementKind.PARAMETER) {
            nodes.remove(0);
        }
        StringBuilder field = new StringBuilder();
        for (Path.Node node : nodes) {
            if (node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                field.append(field.length() > 0 ? "." : "").append(node.getName());
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }

    /** The detail of an unreadable body: the field's JSON path and what is wrong with it, or where parsing stopped. */
    private static String describeJsonError(JsonProcessingException e) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            if (e instanceof JsonParseException parse && parse.getLocation() != null) {
                return "malformed JSON at line " + parse.getLocation().getLineNr() + ", column "
                        + parse.getLocation().getColumnNr();
            }
            return e instanceof MismatchedInputException ? "the body must be a JSON object" : "malformed JSON";
        }
        return "field '" + field + "' " + fieldProblem(e);
    }

    private static List<Problem.FieldViolation> jsonViolations(JsonProcessingException e) {
        String field = jsonPath(e);
        return field.isEmpty() ? List.of() : List.of(new Problem.FieldViolation(field, fieldProblem(e)));
    }

    private static String fieldProblem(JsonProcessingException e) {
        if (e instanceof InvalidTextException) {
            return e.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is not a known field; known fields are " + unknown.getKnownPropertyIds();
        }
        if (e instanceof InvalidFormatException format) {
            return valueHint(format);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + jsonTypeName(mismatch.getTargetType());
        }
        return "is malformed";
    }

    private static String valueHint(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            List<String> allowed = new ArrayList<>();
            for (Object constant : target.getEnumConstants()) {
                allowed.add(constant.toString());
            }
            return "must be one of " + allowed + "; was " + InvalidInputException.quoted(String.valueOf(e.getValue()));
        }
        return "must be " + jsonTypeName(target) + "; was "
                + InvalidInputException.quoted(String.valueOf(e.getValue()));
    }

    private static String jsonTypeName(Class<?> type) {
        if (type == null) {
            return "valid";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "an RFC 3339 timestamp such as 2021-04-02T00:00:00+08:00";
        }
        if (type == LocalDate.class) {
            return "a date such as 2021-04-02";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String jsonPath(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() > 0 ? "." : "").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
