package cn.fucai.cms.media;

import cn.fucai.cms.common.json.StoredJson;
import cn.fucai.cms.media.MediaResponse.Rendition;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An image of the media library as content shows it (an article's cover): what a page needs to draw it. Its files and
 * size are facts of the file, which never change, so content keeps the reference as it was resolved when it was written
 * ({@link #toJson}); the alt text belongs to the content that shows the image; the focal point is the library's, which
 * content copies again when an editor moves it.
 */
@Schema(name = "ImageRef", description = "An image of the media library as content shows it: files, size, alt text")
public record ImageRef(
        UUID id,

        @Schema(description = "SHA-256 of the image's content, hex: its files never change", example = EXAMPLE_SHA256)
        String sha256,

        @Schema(description = "The image as served, without its metadata", example = EXAMPLE_URL + "/original")
        String url,

        @Schema(example = "image/jpeg") String mediaType,
        @Schema(example = "4032") int width,
        @Schema(example = "3024") int height,

        @Schema(
                nullable = true,
                description = "What the image shows, for readers who cannot see it",
                example = "工作人员看望老人")
        String alt,

        @Schema(description = "The image at narrower widths, narrowest first, for srcset")
        List<Rendition> renditions,

        @Schema(
                description =
                        "Where the image's subject is, for pages that crop it: the media library's, kept up to date")
        FocalPoint focalPoint) {

    private static final String EXAMPLE_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String EXAMPLE_URL = "https://cms.example.org/api/v1/media-files/" + EXAMPLE_SHA256;

    public ImageRef {
        renditions = List.copyOf(renditions);
        if (focalPoint == null) {
            focalPoint = FocalPoint.CENTRE; // content saved before images had focal points
        }
    }

    /** The same image with another focal point. */
    public ImageRef focusedOn(FocalPoint point) {
        return new ImageRef(id, sha256, url, mediaType, width, height, alt, renditions, point);
    }

    /** This reference as content stores it (a jsonb column). */
    public String toJson() {
        return StoredJson.write(this);
    }

    /** A reference as content stored it; null stays null. */
    public static ImageRef fromJson(String json) {
        return StoredJson.read(json, ImageRef.class);
    }
}
