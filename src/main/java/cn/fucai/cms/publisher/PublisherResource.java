package cn.fucai.cms.publisher;

import cn.fucai.cms.common.http.Idempotent;
import cn.fucai.cms.common.http.Representations;
import cn.fucai.cms.common.http.VersionPrecondition;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.common.paging.PagedResponse;
import cn.fucai.cms.publisher.PublisherDtos.PublisherRequest;
import cn.fucai.cms.publisher.PublisherDtos.PublisherResponse;
import cn.fucai.cms.region.RegionCode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Publishers over HTTP: validation and status codes here, rules in {@link PublisherService}. */
@Path("/api/v1/publishers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(
        name = "Publishers",
        description =
                "National, provincial, municipal and county welfare-lottery centres and civil-affairs departments")
public class PublisherResource {

    @Inject
    PublisherService publishers;

    @GET
    @Operation(
            summary = "List publishers",
            description = "Live publishers in slug order. `region` includes sub-regions: 330000"
                    + " lists the Zhejiang centre and every centre in its cities and counties.")
    @APIResponse(responseCode = "200", description = "A page of publishers")
    public RestResponse<Page<PublisherResponse>> listPublishers(
            @QueryParam("level") @Parameter(description = "Only publishers of this level") PublisherLevel level,
            @QueryParam("kind") @Parameter(description = "Only lottery centres or only civil-affairs departments")
                    PublisherKind kind,
            @QueryParam("region") RegionCode region,
            @QueryParam("parent")
                    @Parameter(description = "Id or slug of the parent publisher", example = "zhejiang-fucai")
                    String parent,
            @BeanParam PageParams page,
            @Context UriInfo uri) {
        var filter = new PublisherService.Filter(level, kind, RegionCode.valueOf(region), parent);
        return PagedResponse.ok(publishers.list(filter, page.cursor, page.limit()), uri);
    }

    @GET
    @Path("/{idOrSlug}")
    @Operation(
            summary = "Get a publisher by id or slug",
            description = "A slug names the live publisher; a deleted publisher answers 410 Gone.")
    @APIResponse(responseCode = "200", description = "The publisher")
    @APIResponse(responseCode = "410", description = "The publisher was deleted")
    public RestResponse<PublisherResponse> getPublisher(
            @PathParam("idOrSlug") String idOrSlug, @Context HttpHeaders headers) {
        Publisher publisher = publishers.get(idOrSlug);
        return Representations.ok(headers, etag(publisher), publisher.updatedAt, PublisherResponse.from(publisher));
    }

    @RolesAllowed({"admin"})
    @Idempotent
    @POST
    @Operation(
            summary = "Create a publisher",
            description =
                    "The slug must be free among live publishers; the region must exist; the parent is named by id or slug.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = PublisherResponse.class)),
            headers = @Header(name = "ETag", description = "Entity tag for the next If-Match"))
    @APIResponse(responseCode = "409", description = "The slug is taken")
    public RestResponse<PublisherResponse> createPublisher(
            @Valid @NotNull PublisherRequest body, @Context UriInfo uri) {
        Publisher publisher = publishers.create(body);
        return Representations.created(
                uri.getAbsolutePathBuilder().path(publisher.id.toString()).build(),
                etag(publisher),
                PublisherResponse.from(publisher));
    }

    @RolesAllowed({"admin"})
    @PUT
    @Path("/{idOrSlug}")
    @Operation(
            summary = "Replace a publisher",
            description =
                    "Full replacement. Send the ETag you read in If-Match to avoid overwriting someone else's change.")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "409", description = "The new slug is taken")
    @APIResponse(responseCode = "410", description = "The publisher was deleted")
    public RestResponse<PublisherResponse> replacePublisher(
            @PathParam("idOrSlug") String idOrSlug,
            @HeaderParam(HttpHeaders.IF_MATCH) @DefaultValue("*") VersionPrecondition ifMatch,
            @Valid @NotNull PublisherRequest body) {
        Publisher publisher = publishers.replace(idOrSlug, body, ifMatch);
        return Representations.written(PublisherResponse.from(publisher), etag(publisher));
    }

    @RolesAllowed({"admin"})
    @DELETE
    @Path("/{idOrSlug}")
    @Operation(
            summary = "Delete a publisher",
            description =
                    "Soft delete: the publisher answers 410 afterwards. Refused while live articles or child publishers refer to it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Articles or child publishers still refer to it")
    @APIResponse(responseCode = "410", description = "Already deleted")
    public void deletePublisher(
            @PathParam("idOrSlug") String idOrSlug,
            @HeaderParam(HttpHeaders.IF_MATCH) @DefaultValue("*") VersionPrecondition ifMatch) {
        publishers.delete(idOrSlug, ifMatch);
    }

    private static EntityTag etag(Publisher publisher) {
        return new EntityTag(Long.toString(publisher.version));
    }
}
