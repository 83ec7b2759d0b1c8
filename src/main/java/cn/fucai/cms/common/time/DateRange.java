package cn.fucai.cms.common.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The dates this service accepts, in bodies and parameters alike: years 1900 to 2200. Anything outside is refused as
 * the client's error before any date arithmetic, which could otherwise overflow, and before PostgreSQL sees it.
 */
public final class DateRange {

    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2200;

    private DateRange() {}

    /** Why the date cannot be taken, or null when it can. */
    public static String problem(LocalDate date) {
        return date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR
                ? "must lie in the years " + FIRST_YEAR + " to " + LAST_YEAR + "; was " + date
                : null;
    }

    /** Why the instant cannot be taken, or null when it can. */
    public static String problem(Instant instant) {
        return problem(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }
}
