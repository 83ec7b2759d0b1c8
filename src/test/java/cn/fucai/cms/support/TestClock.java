package cn.fucai.cms.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: the real time moved by an offset that a test sets, so that a test can pass a
 * scheduled instant without waiting for it. Every service reads time through the injected Clock; a test that moves it
 * puts it back ({@link #reset}) when it ends.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    /** Moves the clock on by {@code duration}. */
    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    /** Moves the clock to {@code instant} (it then runs on from there). */
    public void setTo(Instant instant) {
        offset = Duration.between(Instant.now(), instant);
    }

    /** Back to the real time. */
    public void reset() {
        offset = Duration.ZERO;
    }
}
