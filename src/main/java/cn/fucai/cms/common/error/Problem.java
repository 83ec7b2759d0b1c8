package cn.fucai.cms.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail: the one error body this API returns. */
@Schema(
        name = "Problem",
        description = "RFC 9457 problem detail, served as application/problem+json.",
        requiredProperties = {"type", "title", "status"},
        example = """
                {"type":"/problems/validation-failed","title":"The request is invalid","status":400,
                 "detail":"2 fields are invalid","instance":"/api/v1/articles",
                 "violations":[{"field":"title","message":"must not be blank"},
                               {"field":"regionCodes[0]","message":"unknown region code 339999"}]}""")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        @Schema(description = "URI reference naming the kind of problem", example = "/problems/not-found")
        String type,

        @Schema(description = "Short summary of the kind of problem", example = "No such resource")
        String title,

        @Schema(description = "HTTP status code", example = "404")
        int status,

        @Schema(
                description = "What went wrong in this occurrence",
                example = "no article with id 0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
        String detail,

        @Schema(
                description = "The request path of this occurrence",
                example = "/api/v1/articles/0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
        String instance,

        @Schema(
                description = "For validation problems: each invalid field or parameter",
                example = "[{\"field\":\"regionCodes[0]\",\"message\":\"unknown region code 339999\"}]")
        List<FieldViolation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field of a request body, or one invalid query or path parameter. */
    @Schema(name = "FieldViolation")
    public record FieldViolation(
            @Schema(
                    description = "JSON path of the body field, or the parameter name",
                    example = "translations[0].locale")
            String field,

            @Schema(
                    description = "What is wrong with it",
                    example = "must be a BCP 47 language tag such as zh-CN or en")
            String message) {}
}
