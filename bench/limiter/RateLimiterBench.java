package cn.fucai.cms.common.http;

import cn.fucai.cms.common.config.LimitsConfig;
import java.lang.management.ManagementFactory;

/**
 * The rate limiter under a flood of distinct callers (issue #15, point 2): the cost of a limited request and the heap
 * it keeps, for one caller against 200,000 distinct callers within one minute, measured in the same run. Run by
 * bench/limiter.sh, on the classes the build wrote (the limiter's own package, for its package-private spend(), and
 * RateLimiterBoundTest's configuration).
 */
public class RateLimiterBench {

    private static final int CALLERS = 200_000;
    /** Five times as many: the cost of a request must not grow with the number of callers. */
    private static final int MANY_MORE = 1_000_000;

    private static final int REQUESTS = 2_000_000;

    public static void main(String[] args) {
        long minute = System.currentTimeMillis() / 60_000 * 60_000 + 1_000;
        // the tests' own configuration: at most 100,000 callers tracked, as in production
        LimitsConfig limits = RateLimiterBoundTest.limits(100_000);
        String[] keys = new String[MANY_MORE];
        for (int i = 0; i < MANY_MORE; i++) {
            keys[i] = "reads|address:10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255);
        }
        for (int round = 1; round <= 3; round++) {
            RateLimiter limiter = new RateLimiter(limits);
            long heapBefore = usedHeapAfterGc();
            double one = nanosPerRequest(limiter, keys, 1, minute);
            double many = nanosPerRequest(limiter, keys, CALLERS, minute);
            long heapAfter = usedHeapAfterGc();
            double evenMore = nanosPerRequest(limiter, keys, MANY_MORE, minute);
            long heapAfterMore = usedHeapAfterGc();
            System.out.printf(
                    "round %d: one caller %.0f ns/request; %,d distinct callers %.0f ns/request (%.2f of one), heap kept %.1f MiB; "
                            + "%,d callers %.0f ns/request (%.2f of %,d), heap kept %.1f MiB; tracked %,d (cap %,d)%n",
                    round,
                    one,
                    CALLERS,
                    many,
                    many / one,
                    (heapAfter - heapBefore) / 1048576.0,
                    MANY_MORE,
                    evenMore,
                    evenMore / many,
                    CALLERS,
                    (heapAfterMore - heapBefore) / 1048576.0,
                    limiter.trackedCallers(),
                    limits.trackedCallers());
        }
    }

    private static double nanosPerRequest(RateLimiter limiter, String[] keys, int distinct, long minute) {
        long start = System.nanoTime();
        long over = 0;
        for (int i = 0; i < REQUESTS; i++) {
            over += limiter.spend(keys[i % distinct], 60, minute + (i % 50_000)).remaining() < 0 ? 1 : 0;
        }
        long nanos = System.nanoTime() - start;
        if (over < 0) {
            throw new IllegalStateException();
        }
        return (double) nanos / REQUESTS;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
