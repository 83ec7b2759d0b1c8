package cn.fucai.cms;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The API's front door: where each collection lives. Constant, so it doubles as the benchmark's measure of what the
 * HTTP stack alone can serve (bench/http.sh).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Index", description = "Where everything is: the API's entry point")
public class ApiIndexResource {

    @Schema(name = "ApiIndex", description = "The collections of the API, by name")
    public record ApiIndex(
            @Schema(example = "welfare-lottery content API") String name,
            @Schema(example = "v1") String version,

            @Schema(description = "Path of each collection", example = "{\"articles\": \"/api/v1/articles\"}")
            Map<String, String> links) {}

    private static final ApiIndex INDEX = new ApiIndex(
            "welfare-lottery content API",
            "v1",
            Map.of(
                    "articles", "/api/v1/articles",
                    "publishers", "/api/v1/publishers",
                    "regions", "/api/v1/regions",
                    "search", "/api/v1/search",
                    "sync", "/api/v1/sync/articles",
                    "salesFigures", "/api/v1/sales-figures",
                    "fundFigures", "/api/v1/fund-figures",
                    "indicatorFigures", "/api/v1/indicator-figures",
                    "feed", "/api/v1/feed.atom",
                    "openapi", "/q/openapi"));

    @GET
    @Operation(summary = "Where everything is", description = "The path of each collection; constant.")
    public ApiIndex apiIndex() {
        return INDEX;
    }
}
