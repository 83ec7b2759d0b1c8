package cn.fucai.cms.common.error;

import java.util.Locale;

/** The kinds of problem this API reports, each with its RFC 9457 type URI, title and HTTP status. */
public enum ProblemType {
    VALIDATION_FAILED("The request is invalid", 400),
    MALFORMED_REQUEST("The request body could not be read", 400),
    UNAUTHORIZED("Sign-in or a valid API token is required", 401),
    SIGN_IN_FAILED("The login name or password is wrong", 401),
    FORBIDDEN("The caller may not do that", 403),
    CSRF_TOKEN_REQUIRED("A write with the session cookie needs the session's X-CSRF-Token header", 403),
    NOT_FOUND("No such resource", 404),
    METHOD_NOT_ALLOWED("Method not allowed on this resource", 405),
    NOT_ACCEPTABLE("No acceptable representation", 406),
    CONFLICT("The request conflicts with the current state", 409),
    GONE("The resource was deleted", 410),
    CURSOR_GONE("The cursor is no longer valid", 410),
    PRECONDITION_FAILED("The resource has changed since it was read", 412),
    PAYLOAD_TOO_LARGE("The request body is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("Unsupported media type", 415),
    RANGE_NOT_SATISFIABLE("The range lies outside the content", 416),
    IDEMPOTENCY_KEY_REUSED("The idempotency key was used for a different request", 422),
    TOO_MANY_REQUESTS("Too many requests", 429),
    INTERNAL_ERROR("Internal server error", 500),
    SERVICE_UNAVAILABLE("The service cannot answer now", 503);

    private final String title;
    private final int status;

    ProblemType(String title, int status) {
        this.title = title;
        this.status = status;
    }

    /** The type URI, relative to the API's origin; docs/api-guide.md lists every type. */
    public String uri() {
        return "/problems/" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** Whether this is the type a bare status maps to: the first of its status, and not a specific one. */
    private boolean isDefaultFor() {
        return this != MALFORMED_REQUEST
                && this != CURSOR_GONE
                && this != SIGN_IN_FAILED
                && this != CSRF_TOKEN_REQUIRED;
    }

    /** The problem type that best describes an HTTP status the framework produced on its own. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type.isDefaultFor()) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : VALIDATION_FAILED;
    }
}
