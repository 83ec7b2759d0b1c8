package cn.fucai.cms.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.common.config.LimitsConfig;
import org.junit.jupiter.api.Test;

/** The limiter's memory is bounded: however many callers come in one minute, it tracks at most the configured number. */
class RateLimiterBoundTest {

    private static final long NOON = 1_780_000_000_000L - 1_780_000_000_000L % 60_000 + 10_000;

    private final RateLimiter limiter = new RateLimiter(limits(1_000), null);

    @Test
    void twoHundredThousandCallersInOneMinuteLeaveAtMostTheCapTracked() {
        for (int i = 0; i < 200_000; i++) {
            limiter.spend(
                    "reads|address:10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255), 60, NOON + i % 40_000);
            if (i % 50_000 == 0) {
                assertTrue(
                        limiter.trackedCallers() <= 1_000,
                        "tracked " + limiter.trackedCallers() + " after " + i + " callers");
            }
        }
        assertTrue(limiter.trackedCallers() <= 1_000, "tracked " + limiter.trackedCallers());
    }

    @Test
    void aNewMinuteStartsAFreshBudget() {
        assertEquals(1, limiter.spend("writes|token:a", 2, NOON).remaining());
        assertEquals(0, limiter.spend("writes|token:a", 2, NOON + 1).remaining());
        assertEquals(-1, limiter.spend("writes|token:a", 2, NOON + 2).remaining());
        assertEquals(1, limiter.spend("writes|token:a", 2, NOON + 60_000).remaining());
    }

    /** Production limits but for the number of callers tracked; bench/limiter.sh uses it too. */
    static LimitsConfig limits(int trackedCallers) {
        return limits(trackedCallers, false);
    }

    static LimitsConfig limits(int trackedCallers, boolean shared) {
        return new LimitsConfig() {
            public long bodyBytes() {
                return 1 << 20;
            }

            public long batchBodyBytes() {
                return 16 << 20;
            }

            public long uploadBodyBytes() {
                return 21 << 20;
            }

            public int writesPerMinute() {
                return 120;
            }

            public int expensiveReadsPerMinute() {
                return 60;
            }

            public int trackedCallers() {
                return trackedCallers;
            }

            public boolean shared() {
                return shared;
            }
        };
    }
}
