package cn.fucai.cms.figure;

import java.time.Instant;
import java.util.UUID;

/**
 * When a figure is public: from {@code releasedAt} on; while that is null, held until {@code embargoedUntil} (the
 * scheduler releases it) or until the article {@code releasedWith} is published (released in the same transaction).
 */
record FigureRelease(Instant releasedAt, Instant embargoedUntil, UUID releasedWith) {

    /** Public from {@code now}. */
    static FigureRelease now(Instant now) {
        return new FigureRelease(now, null, null);
    }

    boolean released() {
        return releasedAt != null;
    }

    /** The same hold, released at {@code now}. */
    FigureRelease releasedAt(Instant now) {
        return new FigureRelease(now, embargoedUntil, releasedWith);
    }
}
