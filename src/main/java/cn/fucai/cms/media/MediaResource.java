package cn.fucai.cms.media;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.http.ContentDisposition;
import cn.fucai.cms.common.http.Fingerprinted;
import cn.fucai.cms.common.http.Hashes;
import cn.fucai.cms.common.http.Idempotent;
import cn.fucai.cms.common.http.OpenApiConventions;
import cn.fucai.cms.common.http.Representations;
import cn.fucai.cms.common.http.VersionPrecondition;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.common.paging.PagedResponse;
import cn.fucai.cms.media.MediaDtos.DocumentText;
import cn.fucai.cms.media.MediaDtos.MediaDescription;
import cn.fucai.cms.media.MediaDtos.MediaImport;
import cn.fucai.cms.media.MediaDtos.MediaUse;
import cn.fucai.cms.media.MediaDtos.PageHit;
import cn.fucai.cms.media.MediaService.Uploaded;
import cn.fucai.cms.publisher.KnownPublisher;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The media library over HTTP: uploads, descriptions, lists; the bytes are served by {@link MediaFileResource}. */
@Path("/api/v1/media")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Media", description = "Images and PDF reports of a publisher's library")
public class MediaResource {

    @Inject
    MediaService media;

    /** A multipart upload: the file and what describes it. */
    public static class UploadForm implements Fingerprinted {

        @RestForm
        @PartType(MediaType.APPLICATION_OCTET_STREAM)
        @Schema(type = SchemaType.STRING, format = "binary", description = "The image or PDF")
        public FileUpload file;

        @RestForm
        @NotBlank
        @Size(max = 100)
        @Schema(description = "Publisher (id or slug) whose library it joins", example = "wenzhou-fucai")
        public String publisher;

        @RestForm
        @Size(max = 35)
        @Schema(description = "BCP 47 tag of the texts; zh-CN when left out", example = "zh-CN")
        public String locale;

        @RestForm
        @Size(max = 300)
        @Schema(description = "Title, in the language of `locale`", example = "2019年温州市福彩公益金使用情况公告")
        public String title;

        @RestForm
        @Size(max = 1000)
        @Schema(description = "What the image shows, for readers who cannot see it")
        public String alt;

        @RestForm
        @Size(max = 2000)
        @Schema(description = "Caption shown with the image")
        public String caption;

        @RestForm
        @Size(max = 300)
        @Schema(description = "Author or source", example = "温州市福彩中心")
        public String credit;

        /** The file's content hash and the fields, for an idempotent upload. */
        @Override
        public String fingerprint() {
            String content;
            try (InputStream in = Files.newInputStream(file.uploadedFile())) {
                MessageDigest digest = Hashes.sha256();
                in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
                content = Hashes.hex(digest.digest());
            } catch (IOException | RuntimeException unreadable) {
                content = "no file";
            }
            return String.join("\u001f", content, publisher, locale, title, alt, caption, credit);
        }
    }

    @Idempotent
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({"admin", "editor"})
    @Extension(name = OpenApiConventions.BYTES_AS_BODY, value = "image/*, application/pdf, application/octet-stream")
    @Operation(summary = "Upload an image or PDF", description = """
            multipart/form-data, as a browser's form sends it, with the file in `file`; or the bytes as the body, the
            fields as query parameters (`publisher`, `title`, …) and the name in Content-Disposition. The type is
            decided from the bytes: JPEG, PNG, WebP, GIF and PDF are taken; SVG, HTML, programs, archives, damaged
            images and PDFs with scripts, launch actions or attachments are refused with 415. At most 20 MiB
            (CMS_MEDIA_MAX_BYTES), 40 megapixels (read from the header, before decoding) and 2,000 PDF pages. Images are
            served without EXIF, GPS or other metadata, at their own width and at 320, 640 and 1280 pixels, each also as
            WebP. The same bytes uploaded again for the same publisher answer the existing item with 200.""")
    @APIResponse(
            responseCode = "201",
            description = "Uploaded",
            content = @Content(schema = @Schema(implementation = MediaResponse.class)))
    @APIResponse(responseCode = "200", description = "The publisher already has these bytes: the existing item")
    @APIResponse(responseCode = "413", description = "Over the limit of bytes, pixels or pages; nothing was stored")
    @APIResponse(responseCode = "415", description = "Not an image or PDF the library takes; nothing was stored")
    public RestResponse<MediaResponse> uploadMedia(@Valid @BeanParam UploadForm form, @Context UriInfo uri) {
        if (form.file == null) {
            throw new InvalidInputException("file", "is required: the image or PDF");
        }
        var description =
                new MediaDescription(form.locale, form.title, form.alt, form.caption, form.credit, List.of(), null);
        try (InputStream body = Files.newInputStream(form.file.uploadedFile())) {
            return answer(media.upload(form.publisher, form.file.fileName(), description, body), uri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Idempotent
    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({"admin", "editor"})
    // the same operation as the form's, one path and method: the document lists its body and query parameters there
    @Operation(hidden = true)
    public RestResponse<MediaResponse> uploadMediaBytes(
            InputStream body,
            @QueryParam("publisher") @NotBlank @Size(max = 100) String publisher,
            @QueryParam("locale") @Size(max = 35) String locale,
            @QueryParam("title") @Size(max = 300) String title,
            @QueryParam("alt") @Size(max = 1000) String alt,
            @QueryParam("caption") @Size(max = 2000) String caption,
            @QueryParam("credit") @Size(max = 300) String credit,
            @HeaderParam("Content-Disposition") String disposition,
            @Context UriInfo uri) {
        var description = new MediaDescription(locale, title, alt, caption, credit, List.of(), null);
        return answer(media.upload(publisher, ContentDisposition.fileName(disposition), description, body), uri);
    }

    @Idempotent
    @POST
    @Path("/imports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "editor"})
    @Operation(summary = "Import an image or PDF of another site", description = """
            The service fetches the file — an image of a WeChat article (sent without Referer, which WeChat answers
            with a "not to be quoted" picture), a report on a province's site — and takes it as an upload: the same
            checks of type, size and content, the same item, with the address (without query) as `sourceUrl`. Only
            http(s) URLs of public hosts: an address that is or resolves to loopback, a private or link-local network
            (169.254.169.254) or another special range is refused, at each of at most 3 redirects too. A site that
            answers other than 200, with no file, or not within CMS_MEDIA_IMPORTS_TIMEOUT (30 s) is a 400 naming
            `url`; nothing is stored for a refused import.""")
    @APIResponse(
            responseCode = "201",
            description = "Imported",
            content = @Content(schema = @Schema(implementation = MediaResponse.class)))
    @APIResponse(responseCode = "200", description = "The publisher already has these bytes: the existing item")
    @APIResponse(responseCode = "413", description = "Over the limit of bytes, pixels or pages; nothing was stored")
    @APIResponse(responseCode = "415", description = "Not an image or PDF the library takes; nothing was stored")
    public RestResponse<MediaResponse> importMedia(@Valid @NotNull MediaImport body, @Context UriInfo uri) {
        return answer(media.importFrom(body.publisher(), body.url(), body.description()), uri);
    }

    @GET
    @Operation(
            summary = "List media",
            description =
                    "Newest first: what published articles show, and every item of the publishers whose unpublished"
                            + " content the token may see.")
    @APIResponse(responseCode = "200", description = "A page of media")
    public RestResponse<Page<MediaResponse>> listMedia(
            @QueryParam("publisher") KnownPublisher publisher,
            @QueryParam("kind") @Parameter(description = "Only images or only PDFs") MediaKind kind,
            @QueryParam("q")
                    @Size(max = 100)
                    @Parameter(description = "Words in the title or alt text", example = "公益金")
                    String text,
            @QueryParam("unused")
                    @Parameter(
                            description = "true: only items no article or figure uses (candidates for deletion);"
                                    + " false: only items in use")
                    Boolean unused,
            @BeanParam PageParams page,
            @Context UriInfo uri) {
        return PagedResponse.ok(
                media.list(KnownPublisher.idOf(publisher), kind, text, unused, page.cursor, page.limit()), uri);
    }

    @GET
    @Path("/search")
    @Operation(summary = "Search inside PDFs", description = """
            Pages of the library's PDFs that say every word, each with the passage that shows them: the words as article
            search takes them (Chinese words of two or more characters wherever they stand, never across punctuation;
            English words by their stem; "quoted" phrases). Newest PDF first, then page by page. What published content
            cites, and every PDF of the publishers whose unpublished content the caller may see. The text is read from the
            PDF at upload; scanned pages are read by OCR in the background, and their hits say `ocr: true`.""")
    @APIResponse(responseCode = "200", description = "A page of hits, each a page of a PDF")
    @APIResponse(responseCode = "400", description = "An empty, too long (over 200 characters) or unusable query")
    public RestResponse<Page<PageHit>> searchMediaPages(
            @QueryParam("q") @Parameter(description = "What to look for", required = true, example = "养老") String q,
            @QueryParam("publisher") KnownPublisher publisher,
            @BeanParam PageParams page,
            @Context UriInfo uri) {
        return PagedResponse.ok(media.searchPages(q, KnownPublisher.idOf(publisher), page.cursor, page.limit()), uri);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an image or PDF", description = "Its description and the URLs of its bytes.")
    @APIResponse(responseCode = "200", description = "The item")
    @APIResponse(responseCode = "404", description = "No such item, or not one this caller may see")
    @APIResponse(responseCode = "410", description = "The item was deleted")
    public RestResponse<MediaResponse> getMedia(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        MediaResponse item = media.get(id);
        return Representations.ok(headers, etag(media.version(id)), item.updatedAt(), item);
    }

    @RolesAllowed({"admin", "editor", "reader"})
    @GET
    @Path("/{id}/uses")
    @Operation(
            summary = "List where an image or PDF is used",
            description = "The articles (cover, text) and figures (source) that use it, drafts included, and whether"
                    + " each is public. For those who may read the publisher's drafts; 404 for everyone else.")
    @APIResponse(responseCode = "200", description = "Its uses, articles first")
    @APIResponse(responseCode = "404", description = "No such item, or not one this caller may see")
    @APIResponse(responseCode = "410", description = "The item was deleted")
    public List<MediaUse> listMediaUses(@PathParam("id") UUID id) {
        return media.uses(id);
    }

    @RolesAllowed({"admin", "editor", "reader"})
    @GET
    @Path("/{id}/text")
    @Operation(
            summary = "Say how much of a PDF search finds",
            description =
                    "Its pages with text read from the PDF, its scanned pages read by OCR, those still waiting for"
                            + " OCR and those OCR gave up on. For those who may read the publisher's drafts; 404 for everyone"
                            + " else; 409 for an image.")
    @APIResponse(responseCode = "200", description = "The PDF's pages, by how their text was read")
    @APIResponse(responseCode = "409", description = "An image: it has no pages of text")
    public DocumentText getMediaText(@PathParam("id") UUID id) {
        return media.documentText(id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "editor"})
    @Operation(
            summary = "Describe an image or PDF",
            description =
                    "Replaces title, alt text, caption, credit and translations, and moves the focal point when one is"
                            + " given; the bytes never change.")
    @APIResponse(responseCode = "200", description = "Described")
    @APIResponse(responseCode = "410", description = "The item was deleted")
    public RestResponse<MediaResponse> describeMedia(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @DefaultValue("*") VersionPrecondition ifMatch,
            @Valid @NotNull MediaDescription body) {
        MediaResponse item = media.describe(id, body, ifMatch);
        return Representations.written(item, etag(media.version(id)));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"admin", "editor"})
    @Operation(summary = "Delete an image or PDF", description = "It answers 410 from then on.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Content uses it; the problem names the articles")
    @APIResponse(responseCode = "410", description = "Already deleted")
    public void deleteMedia(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @DefaultValue("*") VersionPrecondition ifMatch) {
        media.delete(id, ifMatch);
    }

    private static RestResponse<MediaResponse> answer(Uploaded uploaded, UriInfo uri) {
        if (!uploaded.created()) {
            return RestResponse.ok(uploaded.media());
        }
        return Representations.created(
                uri.getBaseUriBuilder()
                        .path("api/v1/media")
                        .path(uploaded.media().id().toString())
                        .build(),
                uploaded.media());
    }

    private static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }
}
