package cn.fucai.cms.article;

import cn.fucai.cms.common.time.Timestamps;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Publishes scheduled articles at their time and archives published ones at their unpublish time, on every instance
 * that has it enabled, each article exactly once. Every poll interval an instance claims the oldest due article with
 * FOR UPDATE SKIP LOCKED, acts on it and commits, one transaction per article, until none is due: two instances never
 * claim the same article, and an instance that dies before its commit leaves the article due for the next poll of any
 * instance. At start-up the first poll publishes what fell due while every instance was down, marked late.
 */
@ApplicationScoped
class ArticleScheduler {

    private static final Logger LOG = Logger.getLogger(ArticleScheduler.class);

    private final ArticleStates states;
    private final ArticleService articles;
    private final Clock clock;
    private final ScheduleConfig config;
    private final Timer lag;
    /** Articles whose action failed at least once: their failures are logged once, with the stack trace. */
    private final Set<UUID> failing = ConcurrentHashMap.newKeySet();

    private volatile boolean unavailable;

    ArticleScheduler(
            ArticleStates states, ArticleService articles, Clock clock, ScheduleConfig config, MeterRegistry metrics) {
        this.states = states;
        this.articles = articles;
        this.clock = clock;
        this.config = config;
        this.lag = Timer.builder("cms.schedule.lag")
                .description("How long after its time a scheduled publication or unpublication was carried out")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
    }

    void start(@Observes StartupEvent event, Scheduler scheduler) {
        if (!config.enabled()) {
            return;
        }
        scheduler
                .newJob("article-schedule")
                .setInterval(config.pollInterval().toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> runQuietly())
                .schedule();
    }

    private void runQuietly() {
        try {
            runDue();
            if (unavailable) {
                LOG.info("scheduled publishing works again");
                unavailable = false;
            }
        } catch (RuntimeException e) {
            // once with its stack trace, then quietly until it works again: an outage is not a log flood
            if (!unavailable) {
                LOG.warnf(e, "scheduled publishing failed; retrying every %s", config.pollInterval());
            }
            unavailable = true;
        }
    }

    /**
     * Acts on every article due now, each in a transaction of its own, and returns how many. An article whose action
     * fails is left due (its transaction rolls back) and is retried at the next poll; the others go on.
     */
    int runDue() {
        Set<UUID> failedNow = new HashSet<>();
        int acted = 0;
        while (true) {
            Instant now = Timestamps.now(clock);
            UUID[] claimed = new UUID[1];
            try {
                Optional<Instant> due = QuarkusTransaction.requiringNew().call(() -> {
                    Optional<UUID> id = states.claimDue(now, failedNow);
                    if (id.isEmpty()) {
                        return Optional.<Instant>empty();
                    }
                    claimed[0] = id.get();
                    return Optional.of(articles.actOnDue(id.get(), now, config.lateAfter()));
                });
                if (due.isEmpty()) {
                    return acted;
                }
                lag.record(Duration.between(due.get(), now));
                failing.remove(claimed[0]);
                acted++;
            } catch (RuntimeException e) {
                if (claimed[0] == null) {
                    throw e;
                }
                failedNow.add(claimed[0]);
                if (failing.add(claimed[0])) {
                    LOG.errorf(e, "article %s fell due but could not be acted on; retrying every poll", claimed[0]);
                }
            }
        }
    }
}
