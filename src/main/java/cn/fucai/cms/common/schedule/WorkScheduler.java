package cn.fucai.cms.common.schedule;

import cn.fucai.cms.common.time.Timestamps;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Carries out what falls due — scheduled articles, embargoed figures ({@link ScheduledWork}) — on every instance that
 * has it enabled, each item exactly once. Every poll interval an instance claims the oldest due items of each kind with
 * FOR UPDATE SKIP LOCKED, acts on them and commits, a batch a transaction, until none is due: two instances never
 * claim the same item, and an instance that dies before its commit leaves the item due for the next poll of any
 * instance. At start-up the first poll carries out what fell due while every instance was down.
 */
@ApplicationScoped
public class WorkScheduler {

    private static final Logger LOG = Logger.getLogger(WorkScheduler.class);

    /** Items one transaction carries out at most: small, so that a burst is shared among the workers. */
    private static final int BATCH = 10;

    private final List<ScheduledWork> work;
    private final Clock clock;
    private final ScheduleConfig config;
    private final Timer lag;
    /** Items whose action failed at least once: their failures are logged once, with the stack trace. */
    private final Set<UUID> failing = ConcurrentHashMap.newKeySet();

    private volatile boolean unavailable;

    private volatile boolean running = true;

    /** The threads that carry out due items, {@code cms.schedule.workers} of them. */
    private final ExecutorService workers;

    WorkScheduler(Instance<ScheduledWork> work, Clock clock, ScheduleConfig config, MeterRegistry metrics) {
        this.work = work.stream().toList();
        this.clock = clock;
        this.config = config;
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.workers(), task -> {
            Thread thread = new Thread(task, "scheduled-work-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
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
    void stop(@Observes ShutdownEvent event) {
        running = false;
        workers.shutdown();
    }

    private void runQuietly() {
        try {
            runDue();
            Optional<Instant> next = nextDue();
            // while something falls due before the next wake-up, wait for it here: a wake-up that finds this run
            // still going is skipped, so the run goes on for as long as items keep coming
            while (running
                    && next.isPresent()
                    && next.get().isAfter(clock.instant())
                    && next.get().isBefore(clock.instant().plus(config.pollInterval()))) {
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
                .map(kind -> kind.nextDue().get())
                .flatMap(Optional::stream)
                .min(Instant::compareTo);
    }

    /**
     * Carries out everything due now, of every kind, with {@code workers} transactions at a time (they claim different
     * items: SKIP LOCKED); returns how many items.
     */
    public int runDue() {
        int acted = 0;
        for (ScheduledWork kind : work) {
            List<Future<Integer>> running = new ArrayList<>();
            for (int i = 0; i < config.workers(); i++) {
                running.add(workers.submit(() -> runDue(kind)));
            }
            for (Future<Integer> worker : running) {
                acted += result(worker);
            }
        }
        return acted;
    }

    private static int result(Future<Integer> worker) {
        try {
            return worker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scheduled work ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause
                    ? cause
                    : new IllegalStateException("scheduled work failed", e.getCause());
        }
    }

    /**
     * Acts on every item of one kind due now, up to {@link #BATCH} a transaction: one commit for a burst of items due
     * at the same instant (annual reports at 09:00). When a batch fails, the items are taken one a transaction until
     * the end of this run, so that the one that fails is left due (retried at the next poll) and the others go on.
     */
    private int runDue(ScheduledWork kind) {
        Set<UUID> failedNow = new HashSet<>();
        int batch = BATCH;
        int acted = 0;
        while (true) {
            Instant now = Timestamps.now(clock);
            List<UUID> claimed = new ArrayList<>();
            try {
                int limit = batch;
                List<Instant> dues = QuarkusTransaction.requiringNew().call(() -> {
                    List<Instant> done = new ArrayList<>();
                    for (UUID id : kind.claim().due(now, failedNow, limit)) {
                        claimed.add(id);
                        done.add(kind.action().carryOut(id, now));
                    }
                    return done;
                });
                if (dues.isEmpty()) {
                    return acted;
                }
                // from the moment it was due to the commit that made it public
                Instant committed = clock.instant();
                dues.forEach(due -> lag.record(Duration.between(due, committed)));
                failing.removeAll(claimed);
                acted += dues.size();
            } catch (RuntimeException e) {
                if (claimed.isEmpty()) {
                    throw e;
                }
                if (claimed.size() > 1) {
                    batch = 1;
                    continue;
                }
                failedNow.add(claimed.get(0));
                if (failing.add(claimed.get(0))) {
                    LOG.errorf(
                            e,
                            "%s %s fell due but could not be acted on; retrying every poll",
                            kind.name(),
                            claimed.get(0));
                }
            }
        }
    }
}
