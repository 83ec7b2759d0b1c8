package cn.fucai.cms.publisher;

import cn.fucai.cms.common.validation.Patterns;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Publisher records on the wire. */
public final class PublisherDtos {

    private PublisherDtos() {}

    @Schema(name = "PublisherRequest", description = "A publisher to create, or its full new state for PUT")
    public record PublisherRequest(
            @NotBlank
            @Size(max = 100)
            @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE)
            @Schema(description = "URL name, unique among live publishers", example = "wenzhou-fucai")
            String slug,

            @NotBlank @Size(max = 200) @Schema(description = "Chinese name", example = "温州市福利彩票发行中心")
            String name,

            @Size(max = 200)
            @Schema(description = "English name", example = "Wenzhou Welfare Lottery Issuance Center", nullable = true)
            String nameEn,

            @NotNull @Schema(example = "municipal") PublisherLevel level,
            @NotNull @Schema(example = "lottery_centre") PublisherKind kind,

            @NotNull
            @Pattern(regexp = Patterns.REGION_CODE, message = Patterns.REGION_CODE_MESSAGE)
            @Schema(description = "GB/T 2260 code of the region it serves", example = "330300")
            String regionCode,

            @Size(max = 100)
            @Schema(description = "Id or slug of the parent publisher", example = "zhejiang-fucai", nullable = true)
            String parent,

            @Size(max = 500)
            @Pattern(regexp = Patterns.HTTP_URL, message = Patterns.HTTP_URL_MESSAGE)
            @Schema(example = "https://www.example.org/", nullable = true)
            String website,

            @Schema(
                    description = "What its editors publish must first be approved by a reviewer other than its author",
                    example = "false")
            boolean requiresReview) {}

    @Schema(name = "Publisher", description = "A welfare-lottery centre or civil-affairs department")
    public record PublisherResponse(
            @Schema(example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
            UUID id,

            @Schema(example = "wenzhou-fucai") String slug,
            @Schema(example = "温州市福利彩票发行中心") String name,

            @Schema(example = "Wenzhou Welfare Lottery Issuance Center", nullable = true)
            String nameEn,

            @Schema(example = "municipal") PublisherLevel level,
            @Schema(example = "lottery_centre") PublisherKind kind,
            @Schema(example = "330300") String regionCode,

            @Schema(
                    description = "Id of the parent publisher",
                    nullable = true,
                    example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a10")
            UUID parentId,

            @Schema(nullable = true, example = "https://www.example.org/")
            String website,

            @Schema(description = "Editors' publications wait for a reviewer's approval", example = "false")
            boolean requiresReview,

            @Schema(example = "2020-01-06T03:49:00Z") Instant createdAt,
            @Schema(example = "2020-01-06T03:49:00Z") Instant updatedAt) {

        static PublisherResponse from(Publisher p) {
            return new PublisherResponse(
                    p.id,
                    p.slug,
                    p.name,
                    p.nameEn,
                    p.level,
                    p.kind,
                    p.regionCode,
                    p.parentId,
                    p.website,
                    p.requiresReview,
                    p.createdAt,
                    p.updatedAt);
        }
    }
}
