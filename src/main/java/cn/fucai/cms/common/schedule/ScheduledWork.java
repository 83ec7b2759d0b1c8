package cn.fucai.cms.common.schedule;

import java.time.Instant;
import java.util.Collection;
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
     * The oldest item due at {@code now}, leaving out {@code skipped}, claimed with FOR UPDATE SKIP LOCKED in the
     * caller's transaction: another instance skips it, and it stays due if that transaction rolls back.
     */
    Optional<UUID> claimDue(Instant now, Collection<UUID> skipped);

    /** When the next item falls due, of those waiting; empty when none waits. */
    Optional<Instant> nextDue();

    /**
     * Acts on a claimed item at {@code now}, in the caller's transaction, with every trace a manual write leaves;
     * returns when it was due.
     */
    Instant actOnDue(UUID id, Instant now);
}
