package cn.fucai.cms.region;

import cn.fucai.cms.common.error.ResourceNotFoundException;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.common.paging.PagedResponse;
import cn.fucai.cms.region.RegionDtos.RegionResponse;
import cn.fucai.cms.region.RegionDtos.RegionSummary;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** China's administrative divisions (GB/T 2260), read-only reference data; read through Regions. */
@Path("/api/v1/regions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Regions",
        description =
                "China's administrative divisions: country, provinces, prefectures and counties (GB/T 2260 codes)")
public class RegionResource {

    @Inject
    Regions regions;

    @GET
    @Operation(
            summary = "List regions",
            description = "Regions in code order, optionally of one level and one parent; keyset-paginated.")
    @APIResponse(responseCode = "200", description = "A page of regions")
    @APIResponse(responseCode = "400", description = "A bad level, parent code, limit or cursor")
    public RestResponse<Page<RegionSummary>> listRegions(
            @QueryParam("level") @Parameter(description = "Only regions of this level") RegionLevel level,
            @QueryParam("parent")
                    @Parameter(description = "Only the direct children of this region", example = "330000")
                    RegionCode parent,
            @BeanParam PageParams page,
            @Context UriInfo uri) {
        int limit = page.limit();
        String parentFilter = RegionCode.valueOf(parent);
        String query = Cursor.fingerprint("code", level, parentFilter);
        Cursor cursor = Cursor.decode(page.cursor, query, 1);
        List<Region> rows = regions.page(
                level, parentFilter, cursor == null ? null : cursor.keys().get(0), limit + 1);
        Page<RegionSummary> result = Page.fromLookahead(
                        rows, limit, last -> new Cursor(query, List.of(last.code())).encode())
                .map(RegionSummary::from);
        return PagedResponse.ok(result, uri);
    }

    @GET
    @Path("/{code}")
    @Operation(
            summary = "Get a region with its parent chain",
            description = "The parent chain runs from the country (000000 中国) down to the direct parent.")
    @APIResponse(responseCode = "200", description = "The region")
    @APIResponse(responseCode = "400", description = "The code is not six digits")
    @APIResponse(responseCode = "404", description = "No region has this code")
    public RegionResponse getRegion(
            @PathParam("code") @Parameter(description = "Six-digit GB/T 2260 code", example = "330302")
                    RegionCode code) {
        Region region = regions.find(code.value())
                .orElseThrow(() -> new ResourceNotFoundException("region with code", code.value()));
        return RegionResponse.from(region, regions.ancestors(region));
    }
}
