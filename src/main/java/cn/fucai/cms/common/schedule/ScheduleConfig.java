package cn.fucai.cms.common.schedule;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Scheduled publishing and embargoes; each setting is also an environment variable (CMS_SCHEDULE_...). */
@ConfigMapping(prefix = "cms.schedule")
public interface ScheduleConfig {

    /** Whether this instance publishes what falls due (articles, embargoed figures); any number may (CMS_SCHEDULE_ENABLED). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often an instance wakes to look for what falls due (CMS_SCHEDULE_POLL_INTERVAL; a second at least); it
     * sleeps until the exact instant of anything due before its next wake-up.
     */
    @WithDefault("PT1S")
    Duration pollInterval();

    /**
     * Transactions one instance runs at the same time on what is due, each claiming its own items: a burst due at one
     * instant goes out that much sooner (CMS_SCHEDULE_WORKERS).
     */
    @WithDefault("4")
    int workers();

    /** A publication this long after its time is marked late in the article, its audit entry and the log (CMS_SCHEDULE_LATE_AFTER). */
    @WithDefault("PT1M")
    Duration lateAfter();
}
