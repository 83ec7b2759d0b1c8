package cn.fucai.cms.common.error;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the one error format once, and every status the service really sends: every 4xx and 5xx response of every
 * operation gets the Problem schema as application/problem+json; every operation documents the 400 of a request
 * without a usable Host or with a target that is not UTF-8, the 401 of a presented token that is not valid, the 406
 * of content negotiation, the 414 of an over-long request line (Vert.x answers it with no body), the 500 of the
 * catch-all mapper and the 503 of a database outage or statement timeout; every JSON read its 304; every operation
 * with a body the 413 and 429 of the request limits, and every expensive read its 429.
 * StatusesMatchTheDocumentTest sends each operation hostile requests and fails on any status not documented here.
 */
public class ProblemResponsesFilter implements OASFilter {

    /** Refused by Vert.x while it decodes the request, before anything of ours runs: it has no body to document. */
    private static final String URI_TOO_LONG = "414";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path :
                openAPI.getPaths().getPathItems().entrySet()) {
            for (Operation operation : path.getValue().getOperations().values()) {
                if (operation.getResponses() == null) {
                    continue;
                }
                if (operation.getRequestBody() != null) {
                    addIfMissing(
                            operation,
                            "413",
                            "The request body is over the configured size; nothing was read (over 16 MiB "
                                    + "the HTTP server refuses it before it is read, with no body)");
                }
                if (operation == path.getValue().getGET() && servesJson(operation)) {
                    addIfMissing(operation, "304", "Unchanged since the ETag in If-None-Match; no body");
                }
                addIfMissing(
                        operation,
                        "401",
                        "An Authorization header was sent, but its token is unknown, expired, revoked or "
                                + "malformed; this operation needs no token");
                boolean write = operation.getSecurity() != null
                        && !operation.getSecurity().isEmpty()
                        && operation != path.getValue().getGET();
                if (write) {
                    addIfMissing(
                            operation,
                            "429",
                            "Over this token's (or address's) budget of writes per minute; see Retry-After");
                } else if (isExpensiveRead(path.getKey(), operation)) {
                    addIfMissing(
                            operation,
                            "429",
                            "Over this token's (or address's) budget of summaries, searches and exports per minute; see Retry-After");
                }
                if (operation.getResponses().getAPIResponse("500") == null) {
                    operation
                            .getResponses()
                            .addAPIResponse(
                                    "500",
                                    OASFactory.createAPIResponse()
                                            .description(
                                                    "Unexpected error; logged on the server, never detailed here"));
                }
                addIfMissing(
                        operation,
                        "400",
                        "The request names no valid Host, or a parameter (or the path) is not UTF-8 once"
                                + " percent-decoded");
                addIfMissing(operation, "406", "The Accept header names no media type this operation serves");
                addIfMissing(
                        operation,
                        "503",
                        "The database cannot be reached, or a statement ran out of time; try again after "
                                + "Retry-After seconds");
                if (operation.getResponses().getAPIResponse(URI_TOO_LONG) == null) {
                    operation
                            .getResponses()
                            .addAPIResponse(
                                    URI_TOO_LONG,
                                    OASFactory.createAPIResponse()
                                            .description("The request line is longer than the HTTP server"
                                                    + " takes (4096 bytes); answered with no body"));
                }
                for (Map.Entry<String, APIResponse> response :
                        operation.getResponses().getAPIResponses().entrySet()) {
                    if ((response.getKey().startsWith("4") || response.getKey().startsWith("5"))
                            && !response.getKey().equals(URI_TOO_LONG)) {
                        response.getValue().setContent(problemContent());
                    }
                }
            }
        }
    }

    private static void addIfMissing(Operation operation, String status, String description) {
        if (operation.getResponses().getAPIResponse(status) == null) {
            operation
                    .getResponses()
                    .addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    /** Whether the operation answers JSON: those answers carry an ETag and answer 304 to a matching If-None-Match. */
    private static boolean servesJson(Operation operation) {
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        return ok != null && ok.getContent() != null && ok.getContent().hasMediaType("application/json");
    }

    /** Summaries, searches and CSV exports: the reads that have a rate budget. */
    private static boolean isExpensiveRead(String path, Operation operation) {
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        boolean csv = ok != null && ok.getContent() != null && ok.getContent().hasMediaType("text/csv");
        return csv || path.endsWith("/summary") || path.contains("/search");
    }

    private static Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }
}
