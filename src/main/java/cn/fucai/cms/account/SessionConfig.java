package cn.fucai.cms.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Browser sessions of signed-in accounts, and how failed sign-ins are slowed down. */
@ConfigMapping(prefix = "cms.sessions")
interface SessionConfig {

    /** How long a session lasts without being used (CMS_SESSIONS_IDLE_TIMEOUT). */
    @WithDefault("PT2H")
    Duration idleTimeout();

    /** How long a session lasts at most, however much it is used (CMS_SESSIONS_LIFETIME). */
    @WithDefault("PT12H")
    Duration lifetime();

    /** Failed sign-ins to one account in a day before each next attempt must wait (CMS_SESSIONS_FREE_FAILURES). */
    @WithDefault("5")
    int freeFailures();

    /** The longest wait between attempts on one account; the wait doubles up to it (CMS_SESSIONS_MAX_DELAY). */
    @WithDefault("PT15M")
    Duration maxDelay();

    /** Failed sign-ins from one address, to any accounts, within the window before it must wait (CMS_SESSIONS_ADDRESS_FAILURES). */
    @WithDefault("20")
    int addressFailures();

    /** The window over which failures from one address are counted (CMS_SESSIONS_ADDRESS_WINDOW). */
    @WithDefault("PT15M")
    Duration addressWindow();
}
