package cn.fucai.cms.common.error;

/** The kinds of problem this API reports, each with its RFC 9457 type URI, title and HTTP status. */
public enum ProblemType {
    VALIDATION_FAILED("validation-failed", "The request is invalid", 400),
    MALFORMED_REQUEST("malformed-request", "The request body could not be read", 400),
    UNAUTHORIZED("unauthorized", "A valid API token is required", 401),
    FORBIDDEN("forbidden", "This token may not do that", 403),
    NOT_FOUND("not-found", "No such resource", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed on this resource", 405),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", 406),
    CONFLICT("conflict", "The request conflicts with the current state", 409),
    GONE("gone", "The resource was deleted", 410),
    CURSOR_GONE("cursor-gone", "The cursor is no longer valid", 410),
    PRECONDITION_FAILED("precondition-failed", "The resource has changed since it was read", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    INTERNAL_ERROR("internal-error", "Internal server error", 500),
    SERVICE_UNAVAILABLE("service-unavailable", "The service cannot answer now", 503);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    /** The type URI, relative to the API's origin; docs/api-guide.md lists every type. */
    public String uri() {
        return "/problems/" + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The problem type that best describes an HTTP status the framework produced on its own. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != MALFORMED_REQUEST && type != CURSOR_GONE) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : VALIDATION_FAILED;
    }
}
