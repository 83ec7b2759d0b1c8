package cn.fucai.cms.media;

import cn.fucai.cms.publisher.PublisherRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Media library records on the wire. */
public final class MediaDtos {

    private static final String EXAMPLE_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String EXAMPLE_URL = "https://cms.example.org/api/v1/media-files/" + EXAMPLE_SHA256;

    private MediaDtos() {}

    /** What describes an item: given with the upload, replaced by PUT. */
    @Schema(name = "MediaDescription", description = "What an image or PDF shows, in its locale and in others")
    public record MediaDescription(
            @Size(max = 35) @Schema(description = "BCP 47 tag of the texts; zh-CN when left out", example = "zh-CN")
            String locale,

            @Size(max = 300) @Schema(nullable = true, example = "2019年温州市福彩公益金使用情况公告")
            String title,

            @Size(max = 1000)
            @Schema(
                    nullable = true,
                    description = "What the image shows, for readers who cannot see it",
                    example = "温州市福彩中心工作人员向养老院老人发放慰问品")
            String alt,

            @Size(max = 2000) @Schema(nullable = true, example = "2019年重阳节慰问活动")
            String caption,

            @Size(max = 300) @Schema(description = "Author or source", nullable = true, example = "温州市福彩中心")
            String credit,

            @Size(max = 20) @Schema(description = "The texts in other locales", nullable = true)
            List<@Valid @NotNull MediaText> translations) {

        static final MediaDescription NONE = new MediaDescription(null, null, null, null, null, null);
    }

    @Schema(name = "MediaText", description = "Title, alt text and caption in another locale")
    public record MediaText(
            @NotBlank @Size(max = 35) @Schema(example = "en")
            String locale,

            @Size(max = 300) @Schema(nullable = true, example = "2019 report on the Wenzhou public-welfare fund")
            String title,

            @Size(max = 1000)
            @Schema(nullable = true, example = "Staff of the Wenzhou welfare lottery centre visit a care home")
            String alt,

            @Size(max = 2000) @Schema(nullable = true) String caption) {}

    @Schema(name = "MediaRendition", description = "The image at one width, without its metadata")
    public record Rendition(
            @Schema(example = "640") int width,
            @Schema(example = "image/jpeg") String mediaType,

            @Schema(example = EXAMPLE_URL + "/w640") String url) {}

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

            @Schema(example = "zh-CN") String locale,
            @Schema(nullable = true) String title,
            @Schema(nullable = true) String alt,
            @Schema(nullable = true) String caption,
            @Schema(nullable = true) String credit,
            List<MediaText> translations,
            Instant createdAt,
            Instant updatedAt) {}
}
