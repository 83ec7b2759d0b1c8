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
 * Documents the one error format once: every 4xx and 5xx response of every operation gets the Problem schema as
 * application/problem+json; every operation documents the 406 of content negotiation, the 500 of the catch-all mapper
 * and the 503 of a database outage, every operation with a body the 413 and 429 of the request limits, and every expensive read its 429.
 */
public class ProblemResponsesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Operation operation : path.getValue().getOperations().values()) {
                if (operation.getResponses() == null) {
                    continue;
                }
                if (operation.getRequestBody() != null) {
                    addIfMissing(operation, "413", "The request body is over the configured size; nothing was read");
                }
                boolean write = operation.getSecurity() != null && !operation.getSecurity().isEmpty()
                        && operation != path.getValue().getGET();
                if (write) {
                    addIfMissing(operation, "429", "Over this token's (or address's) budget of writes per minute; see Retry-After");
                } else if (isExpensiveRead(path.getKey(), operation)) {
                    addIfMissing(operation, "429", "Over this token's (or address's) budget of summaries, searches and exports per minute; see Retry-After");
                }
                if (operation.getResponses().getAPIResponse("500") == null) {
                    operation.getResponses().addAPIResponse("500",
                            OASFactory.createAPIResponse().description("Unexpected error; logged on the server, never detailed here"));
                }
                addIfMissing(operation, "406", "The Accept header names no media type this operation serves");
                addIfMissing(operation, "503", "The database cannot be reached; try again after Retry-After seconds");
                for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        response.getValue().setContent(problemContent());
                    }
                }
            }
        }
    }

    private static void addIfMissing(Operation operation, String status, String description) {
        if (operation.getResponses().getAPIResponse(status) == null) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    /** Summaries, searches and CSV exports: the reads that have a rate budget. */
    private static boolean isExpensiveRead(String path, Operation operation) {
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        boolean csv = ok != null && ok.getContent() != null && ok.getContent().hasMediaType("text/csv");
        return csv || path.endsWith("/summary") || path.contains("/search");
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }
}
