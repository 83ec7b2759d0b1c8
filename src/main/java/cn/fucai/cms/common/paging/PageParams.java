package cn.fucai.cms.common.paging;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The paging query parameters every collection takes, parsed at the edge: a {@link Limit} and an opaque cursor. */
public class PageParams {

    @QueryParam("limit")
    @DefaultValue("20")
    @Parameter(
            description = "Items per page, 1 to 100 (default 20)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    public Limit limit;

    @QueryParam("cursor")
    @Parameter(
            description = "Opaque cursor from the previous page's nextCursor; omit for the first page",
            schema = @Schema(type = SchemaType.STRING))
    public String cursor;

    /** The page size. */
    public int limit() {
        return limit == null ? Limit.DEFAULT : limit.value();
    }
}
