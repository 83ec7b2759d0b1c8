package cn.fucai.cms.publisher;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A publisher as shown with what it published: enough to name and link it. */
@Schema(name = "PublisherRef", description = "The publisher, as shown with its articles and figures")
public record PublisherRef(
        @Schema(example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
        UUID id,

        @Schema(example = "wenzhou-fucai") String slug,
        @Schema(example = "温州市福利彩票发行中心") String name,

        @Schema(example = "Wenzhou Welfare Lottery Issuance Center", nullable = true)
        String nameEn) {

    public static PublisherRef from(Publisher publisher) {
        return new PublisherRef(publisher.id, publisher.slug, publisher.name, publisher.nameEn);
    }
}
