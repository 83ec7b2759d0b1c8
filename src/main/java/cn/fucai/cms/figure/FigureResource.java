package cn.fucai.cms.figure;

import cn.fucai.cms.common.http.Idempotent;
import cn.fucai.cms.common.http.OpenApiConventions;
import cn.fucai.cms.common.http.PacedBody;
import cn.fucai.cms.common.http.Representations;
import cn.fucai.cms.common.http.VersionPrecondition;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.common.paging.PagedResponse;
import cn.fucai.cms.figure.FigureDtos.CorrectionRequest;
import cn.fucai.cms.figure.FigureDtos.FigureRequest;
import cn.fucai.cms.figure.FigureDtos.FigureResponse;
import cn.fucai.cms.figure.FigureDtos.ImportPreview;
import cn.fucai.cms.figure.FigureDtos.RetractionRequest;
import cn.fucai.cms.figure.FigureDtos.RevisionResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
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
            are ignored; printedValue with printedUnit give the amount); errors name row and column (`row 3, printedUnit`).
            CSV that is UTF-8 is read as UTF-8; any other in the charset Content-Type names (`text/csv; charset=GB18030`
            for a file saved as GBK); bytes that are text in neither are a 400 naming the line.""";

    private static final String PREVIEW_SUMMARY = "Preview an import (JSON array or CSV)";
    private static final String PREVIEW_DESCRIPTION = """
            Checks a batch exactly as the import would and writes nothing: each row that holds, as it would be stored
            (amounts in exact yuan), and every problem, named as the import names it. A file that is not CSV at all, or
            has too many rows, is still a 400; rows with problems are a 200 that lists them.""";

    protected final FigureService figures;
    protected final FigureKind kind;

    protected FigureResource(FigureService figures, FigureKind kind) {
        this.figures = figures;
        this.kind = kind;
    }

    @GET
    @Operation(summary = LIST_SUMMARY, description = LIST_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of figures")
    public RestResponse<Page<FigureResponse>> listFigures(
            @BeanParam FigureQuery query,
            @QueryParam("granularity") @Parameter(description = "Only figures of this period shape")
                    Granularity granularity,
            @QueryParam("includeRetracted") @Parameter(description = "Also list retracted figures")
                    boolean includeRetracted,
            @QueryParam("sort") @Parameter(description = "Sort key, `-` for descending (default -periodStart)")
                    FigureSort sort,
            @BeanParam PageParams page,
            @Context UriInfo uri) {
        int limit = page.limit();
        FigureFilter filter = query.toFilter(kind, granularity, includeRetracted);
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
    public Response listFigures(
            @BeanParam FigureQuery query,
            @QueryParam("granularity") Granularity granularity,
            @QueryParam("includeRetracted") boolean includeRetracted)
            throws IOException {
        InputStream csv = FigureCsv.spool(kind, figures.export(query.toFilter(kind, granularity, includeRetracted)));
        return Response.ok(PacedBody.of(csv), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + kind + "-figures.csv\"")
                .build();
    }

    @RolesAllowed({"admin", "editor"})
    @SecurityRequirement(name = "apiToken")
    @Idempotent
    @POST
    @Operation(
            summary = "Create a figure",
            description = "Amounts are given as printed (743.9 万元) and stored exactly in yuan.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = FigureResponse.class)),
            headers = @Header(name = "ETag", description = "Entity tag for the next If-Match"))
    @APIResponse(responseCode = "400", description = "Invalid values, each named; nothing was written")
    public RestResponse<FigureResponse> createFigure(@Valid @NotNull FigureRequest body, @Context UriInfo uri) {
        FigureRow row = figures.create(kind, body);
        return Representations.created(
                uri.getAbsolutePathBuilder().path(row.id().toString()).build(), etag(row), FigureResponse.from(row));
    }

    @RolesAllowed({"admin", "editor"})
    @SecurityRequirement(name = "apiToken")
    @Idempotent
    @POST
    @Path("/batch")
    @Operation(summary = IMPORT_SUMMARY, description = IMPORT_DESCRIPTION)
    @APIResponse(
            responseCode = "201",
            description = "Every figure was created",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = FigureResponse.class)))
    @APIResponse(responseCode = "400", description = "At least one row is invalid; nothing was written")
    public RestResponse<List<FigureResponse>> importFigures(
            @NotNull @Size(min = 1, max = FigureCsv.MAX_ROWS) List<@Valid @NotNull FigureRequest> body) {
        return created(figures.createAll(kind, body, FigureService.JSON_ROWS, List.of()));
    }

    @RolesAllowed({"admin", "editor"})
    @SecurityRequirement(name = "apiToken")
    @Idempotent
    @POST
    @Path("/batch")
    @Consumes(CSV)
    @Operation(summary = IMPORT_SUMMARY, description = IMPORT_DESCRIPTION)
    @APIResponse(
            responseCode = "201",
            description = "Every figure was created",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = FigureResponse.class)))
    @APIResponse(responseCode = "400", description = "At least one row is invalid; nothing was written")
    public RestResponse<List<FigureResponse>> importFigures(@NotNull String body) {
        return created(figures.importCsv(kind, body));
    }

    @RolesAllowed({"admin", "editor"})
    @SecurityRequirement(name = "apiToken")
    @POST
    @Path("/batch/preview")
    @Extension(name = OpenApiConventions.NOT_IDEMPOTENT, value = "false")
    @Operation(summary = PREVIEW_SUMMARY, description = PREVIEW_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "Each row that holds, and every problem; nothing was written")
    public ImportPreview previewFigureImport(
            @NotNull @Size(min = 1, max = FigureCsv.MAX_ROWS) List<FigureRequest> body) {
        return ImportPreview.from(figures.previewJson(kind, body));
    }

    @RolesAllowed({"admin", "editor"})
    @SecurityRequirement(name = "apiToken")
    @POST
    @Path("/batch/preview")
    @Consumes(CSV)
    @Extension(name = OpenApiConventions.NOT_IDEMPOTENT, value = "false")
    @Operation(summary = PREVIEW_SUMMARY, description = PREVIEW_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "Each row that holds, and every problem; nothing was written")
    public ImportPreview previewFigureImport(@NotNull String body) {
        return ImportPreview.from(figures.previewCsv(kind, body));
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary = "Get a figure",
            description = "The current values, or with `asOf` the values as known at that moment.")
    @APIResponse(responseCode = "200", description = "The figure")
    @APIResponse(responseCode = "404", description = "No such figure, or none yet at asOf")
    public RestResponse<FigureResponse> getFigure(
            @PathParam("id") UUID id, @QueryParam("asOf") Instant asOf, @Context HttpHeaders headers) {
        FigureRow row = figures.get(kind, id, asOf);
        return Representations.ok(headers, etag(row), row.recordedAt(), FigureResponse.from(row));
    }

    @GET
    @Path("/{id}/revisions")
    @Operation(
            summary = "List a figure's revisions",
            description = "Its whole history, oldest first: creation, corrections with their reasons, retraction.")
    @APIResponse(responseCode = "200", description = "A page of revisions")
    public RestResponse<Page<RevisionResponse>> listFigureRevisions(
            @PathParam("id") UUID id, @BeanParam PageParams page, @Context UriInfo uri) {
        return PagedResponse.ok(
                figures.revisions(kind, id, page.cursor, page.limit()).map(RevisionResponse::from), uri);
    }

    @RolesAllowed({"admin", "editor"})
    @SecurityRequirement(name = "apiToken")
    @Idempotent
    @POST
    @Path("/{id}/corrections")
    @Operation(
            summary = "Correct a figure",
            description = "Records new values as a new revision with the reason; the old values stay readable.")
    @APIResponse(responseCode = "200", description = "The corrected figure")
    @APIResponse(responseCode = "400", description = "Invalid values, or nothing changes; nothing was written")
    public RestResponse<FigureResponse> correctFigure(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @DefaultValue("*") VersionPrecondition ifMatch,
            @Valid @NotNull CorrectionRequest body) {
        FigureRow row = figures.correct(kind, id, body.reason(), body.figure(), ifMatch);
        return Representations.written(FigureResponse.from(row), etag(row));
    }

    @RolesAllowed({"admin", "editor"})
    @SecurityRequirement(name = "apiToken")
    @Idempotent
    @POST
    @Path("/{id}/retraction")
    @Operation(
            summary = "Retract a figure",
            description = "Marks it retracted with the reason: it leaves lists and totals, and stays in its history.")
    @APIResponse(responseCode = "200", description = "The retracted figure")
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "409", description = "Already retracted")
    public RestResponse<FigureResponse> retractFigure(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @DefaultValue("*") VersionPrecondition ifMatch,
            @Valid @NotNull RetractionRequest body) {
        FigureRow row = figures.retract(kind, id, body.reason(), ifMatch);
        return Representations.written(FigureResponse.from(row), etag(row));
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
