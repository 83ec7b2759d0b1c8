package cn.fucai.cms.common.paging;

import cn.fucai.cms.common.error.InvalidInputException;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The paging query parameters every collection takes; checked by {@link #limit()} and {@link Cursor#decode}. */
public class PageParams {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    @QueryParam("limit")
    @Parameter(
            description = "Items per page, 1 to 100 (default 20)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    public String limit;

    @QueryParam("cursor")
    @Parameter(
            description = "Opaque cursor from the previous page's nextCursor; omit for the first page",
            schema = @Schema(type = SchemaType.STRING))
    public String cursor;

    /** The page size, or a 400 naming the parameter when it is not a whole number from 1 to 100. */
    public int limit() {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the same message as an out-of-range number
        }
        throw new InvalidInputException(
                "limit", "must be a whole number from 1 to " + MAX_LIMIT + ", was '" + limit + "'");
    }
}
