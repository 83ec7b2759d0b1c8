package cn.fucai.cms.figure;

import cn.fucai.cms.publisher.PublisherRef;
import java.time.Instant;
import java.util.UUID;

/** One revision of a figure as stored: identity, history metadata and values. */
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
        FigureValues values) {}
