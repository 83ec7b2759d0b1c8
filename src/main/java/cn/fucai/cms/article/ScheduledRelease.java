package cn.fucai.cms.article;

import cn.fucai.cms.common.json.StoredJson;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How the scheduler published an article: when it was due, when it went out, and whether that was late (every
 * instance was down when it fell due). Kept on the article (jsonb) while it stays published, so that readers, mirrors
 * and the audit log see it.
 */
@Schema(
        name = "ScheduledRelease",
        description = "An article published by the scheduler: when it was due and when it went out; `late` when it went"
                + " out more than the configured grace after its time (the service was down)")
public record ScheduledRelease(
        @Schema(example = "2026-03-01T01:00:00Z") Instant scheduledFor,
        @Schema(example = "2026-03-01T01:00:00.214Z") Instant releasedAt,
        @Schema(example = "false") boolean late) {

    /** Released at {@code now} for {@code scheduledFor}: late when more than {@code grace} after it. */
    static ScheduledRelease at(Instant scheduledFor, Instant now, Duration grace) {
        return new ScheduledRelease(
                scheduledFor, now, Duration.between(scheduledFor, now).compareTo(grace) > 0);
    }

    String toJson() {
        return StoredJson.write(this);
    }

    /** As {@link #toJson} stored it; null stays null. */
    static ScheduledRelease fromJson(String json) {
        return StoredJson.read(json, ScheduledRelease.class);
    }
}
