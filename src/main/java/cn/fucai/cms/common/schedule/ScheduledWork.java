package cn.fucai.cms.common.schedule;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Content that falls due at a time of its own — a scheduled article, an embargoed figure — as the feature that owns it
 * claims and carries it out; the feature produces one as a bean, and {@link WorkScheduler} runs them all, claim and
 * action in one transaction.
 *
 * @param name what falls due, for the log: "article"
 * @param claim the oldest items due
 * @param nextDue when the next item falls due, of those waiting; empty when none waits
 * @param action what is done with a claimed item
 */
public record ScheduledWork(String name, Claim claim, Supplier<Optional<Instant>> nextDue, Action action) {

    /** Claims what is due. */
    @FunctionalInterface
    public interface Claim {

        /**
         * The oldest items due at {@code now}, at most {@code limit}, leaving out {@code skipped}, claimed with FOR
         * UPDATE SKIP LOCKED in the caller's transaction: another instance skips them, and they stay due if that
         * transaction rolls back.
         */
        List<UUID> due(Instant now, Collection<UUID> skipped, int limit);
    }

    /** Carries out a claimed item. */
    @FunctionalInterface
    public interface Action {

        /**
         * Acts on a claimed item at {@code now}, in the caller's transaction, with every trace a manual write leaves;
         * returns when it was due.
         */
        Instant carryOut(UUID id, Instant now);
    }
}
