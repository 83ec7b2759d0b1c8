package cn.fucai.cms.common.schedule;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Content that falls due at a time of its own — a scheduled article, an embargoed figure — as the feature that owns it
 * claims and acts on it. {@link WorkScheduler} calls both in one transaction per item.
 */
public interface ScheduledWork {

    /** What falls due, for the log: "article". */
    String name();

    /**
     * The oldest items due at {@code now}, at most {@code limit}, leaving out {@code skipped}, claimed with FOR UPDATE
     * SKIP LOCKED in the caller's transaction: another instance skips them, and they stay due if that transaction
     * rolls back.
     */
    List<UUID> claimDue(Instant now, Collection<UUID> skipped, int limit);

    /** When the next item falls due, of those waiting; empty when none waits. */
    Optional<Instant> nextDue();

    /**
     * Acts on a claimed item at {@code now}, in the caller's transaction, with every trace a manual write leaves;
     * returns when it was due.
     */
    Instant actOnDue(UUID id, Instant now);
}
