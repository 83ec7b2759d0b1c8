package cn.fucai.cms.media;

import cn.fucai.cms.media.MediaDtos.MediaText;
import cn.fucai.cms.publisher.PublisherRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An image or PDF as the API shows it: to its publisher's editors, to readers, and to partner mirrors (sync). */
@Schema(name = "Media", description = "An image or PDF of a publisher's library")
public record MediaResponse(
        UUID id,
        PublisherRef publisher,
        @Schema(example = "image/jpeg") String mediaType,
        @Schema(example = "IMG_2019_1023.jpg") String originalName,

        @Schema(description = "Size of what was uploaded", example = "1048576")
        long bytes,

        @Schema(description = "SHA-256 of what was uploaded, hex", example = EXAMPLE_SHA256)
        String sha256,

        @Schema(nullable = true, example = "4032") Integer width,
        @Schema(nullable = true, example = "3024") Integer height,

        @Schema(description = "A PDF's pages", nullable = true, example = "12")
        Integer pages,

        @Schema(
                description = "The item as served: a PDF as uploaded, an image without EXIF, GPS or other metadata",
                example = EXAMPLE_URL + "/original")
        String url,

        @Schema(description = "The image at narrower widths, narrowest first; empty for a PDF")
        List<Rendition> renditions,

        @Schema(nullable = true, description = "Where an image's subject is, for pages that crop it; null for a PDF")
        FocalPoint focalPoint,

        @Schema(example = "zh-CN") String locale,
        @Schema(nullable = true) String title,
        @Schema(nullable = true) String alt,
        @Schema(nullable = true) String caption,
        @Schema(nullable = true) String credit,

        @Schema(
                nullable = true,
                description =
                        "Where it was imported from (its address on another site, without query); null for an upload",
                example = "https://mmbiz.qpic.cn/mmbiz_jpg/abc/640")
        String sourceUrl,

        List<MediaText> translations,
        Instant createdAt,
        Instant updatedAt) {

    private static final String EXAMPLE_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String EXAMPLE_URL = "https://cms.example.org/api/v1/media-files/" + EXAMPLE_SHA256;

    @Schema(name = "MediaRendition", description = "The image at one width, without its metadata")
    public record Rendition(
            @Schema(example = "640") int width,
            @Schema(example = "image/jpeg") String mediaType,

            @Schema(example = EXAMPLE_URL + "/w640") String url,

            @Schema(
                    nullable = true,
                    description =
                            "The same rendition as WebP, a third to a half smaller; for `<source type=\"image/webp\">`."
                                    + " Null for items uploaded before WebP renditions were made",
                    example = EXAMPLE_URL + "/w640.webp")
            String webpUrl) {}
}
