package cn.fucai.cms.figure;

import cn.fucai.cms.common.http.Representations;
import cn.fucai.cms.common.http.VersionPrecondition;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.common.paging.PagedResponse;
import cn.fucai.cms.figure.FigureDtos.CorrectionRequest;
import cn.fucai.cms.figure.FigureDtos.FigureRequest;
import cn.fucai.cms.figure.FigureDtos.FigureResponse;
import cn.fucai.cms.figure.FigureDtos.RetractionRequest;
import cn.fucai.cms.figure.FigureDtos.RevisionResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The HTTP face every kind of figure shares; subclasses give the path and the kind. Rules live in
 * {@link FigureService}. OpenAPI does not add security requirements to inherited methods by itself, so the writes
 * declare theirs.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public abstract class FigureResource {

    private static final String CSV = "text/csv";
    // One path and method served in two media types is one OpenAPI operation: both methods describe it alike.
    private static final String LIST_SUMMARY = "List or export figures";
    private static final String LIST_DESCRIPTION = """
            Current figures (or as known at `asOf`), newest period first. As JSON, a keyset-paginated page; as `text/csv`
            (Accept header), every matching figure, one per row, UTF-8 with a byte-order mark so that spreadsheet
            programs show Chinese. Retracted figures are left out unless `includeRetracted=true`.""";
    private static final String IMPORT_SUMMARY = "Import figures (JSON array or CSV)";
    private static final String IMPORT_DESCRIPTION = """
            Creates many figures in one transaction, all or nothing. JSON: an array of figure requests; errors name the
            row (`[3].amount.unit`). CSV: the export's columns (id, revision, retracted, updatedAt, amountYuan and currency
            are ignored; printedValue with printedUnit give the amount); errors name row and column (`row 3.printedUnit`).""";

    protected final FigureService figures;
    protected final FigureKind kind;

    protected FigureResource(FigureService figures, FigureKind kind) {
        this.figures = figures;
        this.kind = kind;
    }

    @GET
    @Operation(summary = LIST_SUMMARY, description = LIST_DESCRIPTION)
    @APIResponse(
            responseCode = "200",
            description = "A page of figures",
            headers =
                    @Header(
                            name = "Link",
                            description = "`<...>; rel=\"next\"` when there is a next page",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A bad filter, sort, limit or cursor")
    public RestResponse<Page<FigureResponse>> list(
            @BeanParam FigureQuery query,
            @QueryParam("granularity")
                    @Parameter(
                            description = "Only figures of this period shape",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"MONTH", "QUARTER", "YEAR", "YEAR_TO_DATE", "CUSTOM"}))
                    Granularity granularity,
            @QueryParam("includeRetracted") @Parameter(description = "Also list retracted figures")
                    boolean includeRetracted,
            @QueryParam("sort")
                    @Parameter(
                            description = "Sort key, `-` for descending",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            defaultValue = "-periodStart",
                                            enumeration = {"-periodStart", "periodStart", "-updatedAt", "updatedAt"}))
                    FigureSort sort,
            @BeanParam PageParams page,
            @Context UriInfo uri) {
        int limit = page.limit();
        FigureFilter filter =
                query.toFilter(kind, figures.publisherFilter(query.publisher), granularity, includeRetracted);
        return PagedResponse.ok(
                figures.list(filter, sort == null ? FigureSort.PERIOD_DESC : sort, page.cursor, limit)
                        .map(FigureResponse::from),
                uri);
    }

    @GET
    @Produces(CSV + ";qs=0.5")
    @Operation(summary = LIST_SUMMARY, description = LIST_DESCRIPTION)
    @APIResponse(
            responseCode = "200",
            description = "The CSV file",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A bad filter")
    public Response list(
            @BeanParam FigureQuery query,
            @QueryParam("granularity") Granularity granularity,
            @QueryParam("includeRetracted") boolean includeRetracted) {
        FigureFilter filter =
                query.toFilter(kind, figures.publisherFilter(query.publisher), granularity, includeRetracted);
        figures.checkFilter(filter);
        StreamingOutput body = out -> {
            try (FigureCsv.RowWriter writer = FigureCsv.writer(kind, out)) {
                figures.forEach(filter, row -> {
                    try {
                        writer.write(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        };
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + kind + "-figures.csv\"")
                .build();
    }

    @RolesAllowed({"admin", "editor"})
    @SecurityRequirement(name = "apiToken")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The token may not write this publisher's figures")
    @POST
    @Operation(
            summary = "Create a figure",
            description = "Amounts are given as printed (743.9 万元) and stored exactly in yuan.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = FigureResponse.class)),
            headers = {
                @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(responseCode = "400", description = "Invalid values, each named; nothing was written")
    public RestResponse<FigureResponse> create(@Valid @NotNull FigureRequest body, @Context UriInfo uri) {
        FigureRow row = figures.create(kind, body);
        return Representations.created(
                uri.getAbsolutePathBuilder().path(row.id().toString()).build(), etag(row), FigureResponse.from(row));
    }

    @RolesAllowed({"admin", "editor"})
    @SecurityRequirement(name = "apiToken")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The token may not write this publisher's figures")
    @POST
    @Path("/batch")
    @Operation(summary = IMPORT_SUMMARY, description = IMPORT_DESCRIPTION)
    @APIResponse(
            responseCode = "201",
            description = "Every figure was created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = FigureResponse.class)))
    @APIResponse(responseCode = "400", description = "At least one row is invalid; nothing was written")
    public RestResponse<List<FigureResponse>> importFigures(
            @NotNull @Size(min = 1, max = FigureCsv.MAX_ROWS) List<@Valid @NotNull FigureRequest> body) {
        return created(figures.createAll(kind, body, (i, field) -> "[" + i + "]." + field, List.of()));
    }

    @RolesAllowed({"admin", "editor"})
    @SecurityRequirement(name = "apiToken")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The token may not write this publisher's figures")
    @POST
    @Path("/batch")
    @Consumes(CSV)
    @Operation(summary = IMPORT_SUMMARY, description = IMPORT_DESCRIPTION)
    @APIResponse(
            responseCode = "201",
            description = "Every figure was created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = FigureResponse.class)))
    @APIResponse(responseCode = "400", description = "At least one row is invalid; nothing was written")
    public RestResponse<List<FigureResponse>> importFigures(@NotNull String body) {
        return created(figures.importCsv(kind, body));
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary = "Get a figure",
            description = "The current values, or with `asOf` the values as known at that moment.")
    @APIResponse(
            responseCode = "200",
            description = "The figure",
            headers =
                    @Header(
                            name = "ETag",
                            description = "Strong entity tag: the revision",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "400", description = "The id is not a UUID, or asOf is not a timestamp")
    @APIResponse(responseCode = "404", description = "No such figure, or none yet at asOf")
    public RestResponse<FigureResponse> get(
            @PathParam("id") @Parameter(description = "Figure id", example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
                    UUID id,
            @QueryParam("asOf")
                    @Parameter(
                            description = "RFC 3339 moment",
                            example = "2020-03-01T00:00:00Z",
                            schema = @Schema(type = SchemaType.STRING))
                    Instant asOf,
            @Context HttpHeaders headers) {
        FigureRow row = figures.get(kind, id, asOf);
        return Representations.ok(headers, etag(row), row.recordedAt(), FigureResponse.from(row));
    }

    @GET
    @Path("/{id}/revisions")
    @Operation(
            summary = "List a figure's revisions",
            description = "Its whole history, oldest first: creation, corrections with their reasons, retraction.")
    @APIResponse(responseCode = "200", description = "A page of revisions")
    @APIResponse(responseCode = "400", description = "A bad id, limit or cursor")
    @APIResponse(responseCode = "404", description = "No such figure")
    public RestResponse<Page<RevisionResponse>> revisions(
            @PathParam("id") @Parameter(description = "Figure id", example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
                    UUID id,
            @BeanParam PageParams page,
            @Context UriInfo uri) {
        int limit = page.limit();
        return PagedResponse.ok(figures.revisions(kind, id, page.cursor, limit).map(RevisionResponse::from), uri);
    }

    @RolesAllowed({"admin", "editor"})
    @SecurityRequirement(name = "apiToken")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The token may not write this publisher's figures")
    @POST
    @Path("/{id}/corrections")
    @Operation(
            summary = "Correct a figure",
            description = "Records new values as a new revision with the reason; the old values stay readable.")
    @APIResponse(
            responseCode = "200",
            description = "The corrected figure",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid values, or nothing changes; nothing was written")
    @APIResponse(responseCode = "404", description = "No such figure")
    @APIResponse(responseCode = "412", description = "If-Match names an old revision; nothing was written")
    public RestResponse<FigureResponse> correct(
            @PathParam("id") @Parameter(description = "Figure id", example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
                    UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "ETag of the revision you corrected")
                    String ifMatch,
            @Valid @NotNull CorrectionRequest body) {
        FigureRow row =
                figures.correct(kind, id, body.reason(), body.figure(), VersionPrecondition.fromIfMatch(ifMatch));
        return RestResponse.ResponseBuilder.ok(FigureResponse.from(row))
                .tag(etag(row))
                .build();
    }

    @RolesAllowed({"admin", "editor"})
    @SecurityRequirement(name = "apiToken")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The token may not write this publisher's figures")
    @POST
    @Path("/{id}/retraction")
    @Operation(
            summary = "Retract a figure",
            description = "Marks it retracted with the reason: it leaves lists and totals, and stays in its history.")
    @APIResponse(
            responseCode = "200",
            description = "The retracted figure",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "404", description = "No such figure")
    @APIResponse(responseCode = "409", description = "Already retracted")
    @APIResponse(responseCode = "412", description = "If-Match names an old revision; nothing was written")
    public RestResponse<FigureResponse> retract(
            @PathParam("id") @Parameter(description = "Figure id", example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
                    UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "ETag of the revision you retract")
                    String ifMatch,
            @Valid @NotNull RetractionRequest body) {
        FigureRow row = figures.retract(kind, id, body.reason(), VersionPrecondition.fromIfMatch(ifMatch));
        return RestResponse.ResponseBuilder.ok(FigureResponse.from(row))
                .tag(etag(row))
                .build();
    }

    private static RestResponse<List<FigureResponse>> created(List<FigureRow> rows) {
        return RestResponse.ResponseBuilder.<List<FigureResponse>>create(RestResponse.Status.CREATED)
                .entity(rows.stream().map(FigureResponse::from).toList())
                .build();
    }

    private static EntityTag etag(FigureRow row) {
        return new EntityTag(Integer.toString(row.revision()));
    }
}
