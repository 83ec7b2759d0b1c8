package cn.fucai.cms.figure;

import cn.fucai.cms.publisher.PublisherRef;
import java.time.Instant;
import java.util.UUID;

/** One revision of a figure as stored: identity, history metadata, values, and when the figure is public. */
public record FigureRow(
        UUID id,
        FigureKind kind,
        PublisherRef publisher,
        Instant createdAt,
        int revision,
        String action,
        String reason,
        Instant recordedAt,
        boolean retracted,
        FigureValues values,
        FigureRelease release) {

    /** This figure's next revision, as a correction or a retraction writes it. */
    FigureRow revised(String action, String reason, Instant at, boolean retracted, FigureValues values) {
        return new FigureRow(
                id, kind, publisher, createdAt, revision + 1, action, reason, at, retracted, values, release);
    }
}
