package cn.fucai.cms.publisher;

import cn.fucai.cms.common.http.Representations;
import cn.fucai.cms.common.http.VersionPrecondition;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.common.paging.PagedResponse;
import cn.fucai.cms.publisher.PublisherDtos.PublisherRequest;
import cn.fucai.cms.publisher.PublisherDtos.PublisherResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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

    private final PublisherService publishers;

    public PublisherResource(PublisherService publishers) {
        this.publishers = publishers;
    }

    @GET
    @Operation(
            operationId = "listPublishers",
            summary = "List publishers",
            description = "Live publishers in slug order. `region` includes sub-regions: 330000"
                    + " lists the Zhejiang centre and every centre in its cities and counties.")
    @APIResponse(
            responseCode = "200",
            description = "A page of publishers",
            headers =
                    @Header(
                            name = "Link",
                            description = "`<...>; rel=\"next\"` when there is a next page",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A bad filter, limit or cursor")
    public RestResponse<Page<PublisherResponse>> list(
            @QueryParam("level")
                    @Parameter(
                            description = "Only publishers of this level",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"national", "provincial", "municipal", "county"}))
                    PublisherLevel level,
            @QueryParam("kind")
                    @Parameter(
                            description = "Only lottery centres or only civil-affairs departments",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"lottery_centre", "civil_affairs"}))
                    PublisherKind kind,
            @QueryParam("region") @Parameter(description = "GB/T 2260 code; includes sub-regions", example = "330000")
                    String region,
            @QueryParam("parent")
                    @Parameter(description = "Id or slug of the parent publisher", example = "zhejiang-fucai")
                    String parent,
            @BeanParam PageParams page,
            @Context UriInfo uri) {
        int limit = page.limit();
        var filter = new PublisherService.Filter(level, kind, region, parent);
        return PagedResponse.ok(publishers.list(filter, page.cursor, limit), uri);
    }

    @GET
    @Path("/{idOrSlug}")
    @Operation(
            operationId = "getPublisher",
            summary = "Get a publisher by id or slug",
            description = "A slug names the live publisher; a deleted publisher answers 410 Gone.")
    @APIResponse(
            responseCode = "200",
            description = "The publisher",
            headers =
                    @Header(
                            name = "ETag",
                            description = "Strong entity tag for If-Match and If-None-Match",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such publisher")
    @APIResponse(responseCode = "410", description = "The publisher was deleted")
    public RestResponse<PublisherResponse> get(
            @PathParam("idOrSlug") @Parameter(description = "Publisher id or slug", example = "wenzhou-fucai")
                    String idOrSlug,
            @Context HttpHeaders headers) {
        Publisher publisher = publishers.get(idOrSlug);
        return Representations.ok(headers, etag(publisher), publisher.updatedAt, PublisherResponse.from(publisher));
    }

    @RolesAllowed({"admin"})
    @POST
    @Operation(
            operationId = "createPublisher",
            summary = "Create a publisher",
            description =
                    "The slug must be free among live publishers; the region must exist; the parent is named by id or slug.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PublisherResponse.class)),
            headers = {
                @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(responseCode = "400", description = "Invalid body: each bad field is named")
    @APIResponse(responseCode = "409", description = "The slug is taken")
    public RestResponse<PublisherResponse> create(@Valid @NotNull PublisherRequest body, @Context UriInfo uri) {
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
            operationId = "replacePublisher",
            summary = "Replace a publisher",
            description =
                    "Full replacement. Send the ETag you read in If-Match to avoid overwriting someone else's change.")
    @APIResponse(
            responseCode = "200",
            description = "Replaced",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "404", description = "No such publisher")
    @APIResponse(responseCode = "409", description = "The new slug is taken")
    @APIResponse(responseCode = "410", description = "The publisher was deleted")
    @APIResponse(responseCode = "412", description = "If-Match names an old version; nothing was written")
    public RestResponse<PublisherResponse> replace(
            @PathParam("idOrSlug") @Parameter(description = "Publisher id or slug", example = "wenzhou-fucai")
                    String idOrSlug,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "ETag of the version you edited")
                    String ifMatch,
            @Valid @NotNull PublisherRequest body) {
        Publisher publisher = publishers.replace(idOrSlug, body, VersionPrecondition.fromIfMatch(ifMatch));
        return RestResponse.ResponseBuilder.ok(PublisherResponse.from(publisher))
                .tag(etag(publisher))
                .build();
    }

    @RolesAllowed({"admin"})
    @DELETE
    @Path("/{idOrSlug}")
    @Operation(
            operationId = "deletePublisher",
            summary = "Delete a publisher",
            description =
                    "Soft delete: the publisher answers 410 afterwards. Refused while live articles or child publishers refer to it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such publisher")
    @APIResponse(responseCode = "409", description = "Articles or child publishers still refer to it")
    @APIResponse(responseCode = "410", description = "Already deleted")
    @APIResponse(responseCode = "412", description = "If-Match names an old version; nothing was written")
    public void delete(
            @PathParam("idOrSlug") @Parameter(description = "Publisher id or slug", example = "wenzhou-fucai")
                    String idOrSlug,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "ETag of the version you mean to delete")
                    String ifMatch) {
        publishers.delete(idOrSlug, VersionPrecondition.fromIfMatch(ifMatch));
    }

    private static EntityTag etag(Publisher publisher) {
        return new EntityTag(Long.toString(publisher.version));
    }
}
