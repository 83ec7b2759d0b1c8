package cn.fucai.cms.security;

import cn.fucai.cms.common.change.ChangeAction;
import cn.fucai.cms.common.change.ContentKind;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.common.paging.PagedResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The audit log: admins see every write, editors their own publishers'. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "editor"})
@Tag(name = "Audit", description = "Every write, recorded in the same transaction, append-only")
public class AuditResource {

    @Inject
    AuditLog audit;

    @GET
    @Operation(
            summary = "List audit events",
            description = "Newest first, keyset-paginated; an editor sees its publishers' events only.")
    @APIResponse(responseCode = "200", description = "A page of events")
    public RestResponse<Page<AuditEvent>> listAuditEvents(
            @QueryParam("resourceType") @Parameter(description = "Only writes of this kind", example = "article")
                    ContentKind resourceType,
            @QueryParam("resourceId")
                    @Parameter(
                            description = "Id of the resource written",
                            example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
                    String resourceId,
            @QueryParam("action") @Parameter(description = "Only writes that did this", example = "update")
                    ChangeAction action,
            @QueryParam("tokenId") @Parameter(description = "Only writes made with this token") UUID tokenId,
            @QueryParam("accountId") @Parameter(description = "Only what this account did") UUID accountId,
            @BeanParam PageParams page,
            @Context UriInfo uri) {
        var filter = new AuditLog.Filter(resourceType, resourceId, action, tokenId, accountId);
        return PagedResponse.ok(audit.list(filter, page.cursor, page.limit()), uri);
    }
}
