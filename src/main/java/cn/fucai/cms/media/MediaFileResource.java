package cn.fucai.cms.media;

import cn.fucai.cms.common.error.ResourceNotFoundException;
import cn.fucai.cms.common.http.ContentDisposition;
import cn.fucai.cms.common.http.PacedBody;
import cn.fucai.cms.media.MediaService.Served;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.FilePart;

/**
 * The bytes of the media library at addresses made of their content: what is at a URL never changes, so it is cached
 * for a year as immutable, with a strong ETag, and served in byte ranges (a PDF viewer jumps to a page).
 */
@Path("/api/v1/media-files/{sha256}/{variant}")
@Tag(name = "Media")
public class MediaFileResource {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern VARIANT = Pattern.compile("original|w[0-9]{1,5}(?:\\.webp)?");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");
    private static final String IMMUTABLE = "max-age=31536000, immutable";

    @Inject
    MediaService media;

    @GET
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Get the bytes of an image or PDF", description = """
            The URLs are those an item gives in `url` and `renditions`. One byte range (`Range: bytes=0-1023`) answers
            206; a range past the end 416. While a published article shows or links an item, anyone gets its bytes
            (`Cache-Control: public`); otherwise only a token that may see its publisher's unpublished content.""")
    @APIResponse(
            responseCode = "200",
            description = "The bytes",
            content = {
                @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = "image/webp", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = "image/gif", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(responseCode = "206", description = "The range asked for")
    @APIResponse(responseCode = "304", description = "The client's copy is current")
    @APIResponse(responseCode = "404", description = "No such file, or not one this caller may see")
    @APIResponse(responseCode = "416", description = "The range lies past the end")
    public Response getMediaFile(
            @PathParam("sha256") @Parameter(description = "SHA-256 of the upload, hex") String sha256,
            @PathParam("variant")
                    @Parameter(
                            description = "original, or w and a rendition's width, with .webp for its WebP",
                            example = "w640")
                    String variant,
            @HeaderParam("Range") @Parameter(description = "One byte range", example = "bytes=0-1023") String range,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) @Parameter(description = "The ETag of the client's copy")
                    String ifNoneMatch) {
        if (!SHA256.matcher(sha256).matches() || !VARIANT.matcher(variant).matches()) {
            throw new ResourceNotFoundException("media file", sha256 + "/" + variant);
        }
        Served served = media.file(sha256, variant);
        String etag = "\"" + sha256 + "-" + variant + "\"";
        if (ifNoneMatch != null
                && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            return Response.notModified()
                    .header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, (served.shared() ? "public, " : "private, ") + IMMUTABLE)
                    .build();
        }
        long size = served.size();
        long first = 0;
        long last = size - 1;
        int status = 200;
        Matcher asked = range == null ? null : RANGE.matcher(range.strip());
        if (asked != null
                && asked.matches()
                && !(asked.group(1).isEmpty() && asked.group(2).isEmpty())) {
            if (asked.group(1).isEmpty()) { // the last n bytes
                first = Math.max(0, size - Long.parseLong(asked.group(2)));
            } else {
                first = Long.parseLong(asked.group(1));
                if (!asked.group(2).isEmpty()) {
                    last = Math.min(last, Long.parseLong(asked.group(2)));
                }
            }
            if (first >= size || first > last) {
                throw new RangeNotSatisfiableException(size);
            }
            status = 206;
        }
        long length = last - first + 1;
        Response.ResponseBuilder answer = Response.status(status)
                .type(served.mediaType())
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, (served.shared() ? "public, " : "private, ") + IMMUTABLE)
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .entity(body(served, first, length));
        if (status == 206) {
            answer.header("Content-Range", "bytes " + first + "-" + last + "/" + size);
        }
        if (served.mediaType().equals(MediaInspector.PDF)) {
            answer.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.of("inline", served.fileName()));
        }
        return answer.build();
    }

    private Object body(Served served, long offset, long length) {
        if (served.localFile().isPresent()) {
            return new FilePart(served.localFile().get().toFile(), offset, length);
        }
        // opened here, so that object storage out of reach is a problem answer; read at the client's pace
        return new PacedBody(media.read(served.key(), offset, length), length);
    }
}
