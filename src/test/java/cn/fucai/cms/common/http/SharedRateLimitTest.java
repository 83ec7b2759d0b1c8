package cn.fucai.cms.common.http;

import static cn.fucai.cms.common.http.RateLimiterBoundTest.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Budgets counted in PostgreSQL (cms.limits.shared): two limiters stand for two instances behind a balancer, on the
 * one database. The fault test of scripts/cluster.sh spends a token's budget through HAProxy across real instances.
 */
@QuarkusTest
class SharedRateLimitTest {

    private static final long NOON = 1_767_268_800_000L;

    @Inject
    Jdbi jdbi;

    @Test
    void twoInstancesSpendOneBudget() {
        RateLimiter first = new RateLimiter(limits(1_000, true), jdbi);
        RateLimiter second = new RateLimiter(limits(1_000, true), jdbi);
        String caller = "writes|token:" + UUID.randomUUID();
        assertEquals(3, first.spend(caller, 4, NOON).remaining());
        assertEquals(2, second.spend(caller, 4, NOON + 1).remaining());
        assertEquals(1, first.spend(caller, 4, NOON + 2).remaining());
        assertEquals(0, second.spend(caller, 4, NOON + 3).remaining());
        RateLimiter.Budget over = first.spend(caller, 4, NOON + 4);
        assertEquals(-1, over.remaining(), "the fifth request of the minute is over, whichever instance counts it");
        assertEquals(60, over.resetSeconds());
        // the next minute starts afresh, and sweeps the minutes before it
        assertEquals(3, second.spend(caller, 4, NOON + 60_000).remaining());
        assertEquals(
                List.of(1),
                jdbi.withHandle(handle -> handle.createQuery("select used from rate_budget where caller = :caller")
                        .bind("caller", caller)
                        .mapTo(Integer.class)
                        .list()));
    }

    @Test
    void concurrentRequestsOnBothInstancesAreEachCountedOnce() throws Exception {
        RateLimiter first = new RateLimiter(limits(1_000, true), jdbi);
        RateLimiter second = new RateLimiter(limits(1_000, true), jdbi);
        String caller = "reads|address:192.0.2." + UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> spends = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                RateLimiter limiter = i % 2 == 0 ? first : second;
                spends.add(() -> limiter.spend(caller, 1_000, NOON + 120_000).remaining());
            }
            List<Integer> remaining = new ArrayList<>();
            for (Future<Integer> spent : threads.invokeAll(spends)) {
                remaining.add(spent.get());
            }
            // 400 requests, 400 different counts: none lost, none counted twice
            assertEquals(400, remaining.stream().distinct().count());
            assertEquals(
                    600, remaining.stream().mapToInt(Integer::intValue).min().orElseThrow());
        } finally {
            threads.shutdown();
        }
    }
}
