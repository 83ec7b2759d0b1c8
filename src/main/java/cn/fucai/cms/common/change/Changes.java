package cn.fucai.cms.common.change;

import cn.fucai.cms.common.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * What every writing service needs of time and of announcing itself, in one place: the moment of a write, read from
 * the injected clock (tests move it), and the write's one {@link ContentChanged} event, fired inside its transaction.
 */
@ApplicationScoped
public class Changes {

    @Inject
    Clock clock;

    @Inject
    Event<ContentChanged> event;

    /** Now, to the microsecond PostgreSQL keeps: the moment of a write. */
    public Instant now() {
        return Timestamps.now(clock);
    }

    /** Announces a write to the audit log, the change feed, the webhook outbox and the rest, in its transaction. */
    public void fire(ContentChanged change) {
        event.fire(change);
    }
}
