package cn.fucai.cms.publisher;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A publisher named in a query filter by id or slug, resolved at the edge by {@link PublisherParameters}: the id of
 * the publisher with that id, or of the live one with that slug (else its latest tombstone, whose content is gone).
 */
@Schema(type = SchemaType.STRING, description = "Publisher id or slug", example = "wenzhou-fucai")
public record KnownPublisher(UUID id) {

    /** The publisher's id, or null when no publisher is named. */
    public static UUID idOf(KnownPublisher publisher) {
        return publisher == null ? null : publisher.id();
    }
}
