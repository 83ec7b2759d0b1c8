package cn.fucai.cms.common.schedule;

import cn.fucai.cms.common.time.Timestamps;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Carries out what falls due — scheduled articles, embargoed figures ({@link ScheduledWork}) — on every instance that
 * has it enabled, each item exactly once. Every poll interval an instance claims the oldest due item of each kind with
 * FOR UPDATE SKIP LOCKED, acts on it and commits, one transaction per item, until none is due: two instances never
 * claim the same item, and an instance that dies before its commit leaves the item due for the next poll of any
 * instance. At start-up the first poll carries out what fell due while every instance was down.
 */
@ApplicationScoped
public class WorkScheduler {

    private static final Logger LOG = Logger.getLogger(WorkScheduler.class);

    private final List<ScheduledWork> work;
    private final Clock clock;
    private final ScheduleConfig config;
    private final Timer lag;
    /** Items whose action failed at least once: their failures are logged once, with the stack trace. */
    private final Set<UUID> failing = ConcurrentHashMap.newKeySet();

    private volatile boolean unavailable;

    WorkScheduler(Instance<ScheduledWork> work, Clock clock, ScheduleConfig config, MeterRegistry metrics) {
        this.work = work.stream().toList();
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
                .newJob("scheduled-work")
                .setInterval(config.pollInterval().toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> runQuietly())
                .schedule();
    }

    /**
     * One wake-up of the job: carries out what is due, then, while something falls due before the next wake-up,
     * sleeps until that instant and carries it out — so that an item goes out at its time, not up to a poll interval
     * later (Quarkus's scheduler wakes a job at most once a second).
     */
    private void runQuietly() {
        try {
            Instant wakeUp = clock.instant().plus(config.pollInterval());
            runDue();
            Optional<Instant> next = nextDue();
            while (next.isPresent()
                    && next.get().isAfter(clock.instant())
                    && next.get().isBefore(wakeUp)) {
                Thread.sleep(Math.max(
                        1, Duration.between(clock.instant(), next.get()).toMillis()));
                runDue();
                next = nextDue();
            }
            if (unavailable) {
                LOG.info("scheduled publishing works again");
                unavailable = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // once with its stack trace, then quietly until it works again: an outage is not a log flood
            if (!unavailable) {
                LOG.warnf(e, "scheduled publishing failed; retrying every %s", config.pollInterval());
            }
            unavailable = true;
        }
    }

    /** When the next item of any kind falls due. */
    private Optional<Instant> nextDue() {
        return work.stream()
                .map(ScheduledWork::nextDue)
                .flatMap(Optional::stream)
                .min(Instant::compareTo);
    }

    /** Carries out everything due now, of every kind; returns how many items. */
    public int runDue() {
        int acted = 0;
        for (ScheduledWork kind : work) {
            acted += runDue(kind);
        }
        return acted;
    }

    /**
     * Acts on every item of one kind due now, each in a transaction of its own. An item whose action fails is left
     * due (its transaction rolls back) and retried at the next poll; the others go on.
     */
    private int runDue(ScheduledWork kind) {
        Set<UUID> failedNow = new HashSet<>();
        int acted = 0;
        while (true) {
            Instant now = Timestamps.now(clock);
            UUID[] claimed = new UUID[1];
            try {
                Optional<Instant> due = QuarkusTransaction.requiringNew().call(() -> {
                    Optional<UUID> id = kind.claimDue(now, failedNow);
                    if (id.isEmpty()) {
                        return Optional.<Instant>empty();
                    }
                    claimed[0] = id.get();
                    return Optional.of(kind.actOnDue(id.get(), now));
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
                    LOG.errorf(
                            e,
                            "%s %s fell due but could not be acted on; retrying every poll",
                            kind.name(),
                            claimed[0]);
                }
            }
        }
    }
}
