package cn.fucai.cms.figure;

import cn.fucai.cms.common.schedule.ScheduleConfig;
import cn.fucai.cms.common.schedule.ScheduledWork;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Embargoed figures as the scheduler carries them out: public at embargoedUntil. */
@ApplicationScoped
class FigureSchedule implements ScheduledWork {

    private final FigureStore store;
    private final FigureService figures;
    private final ScheduleConfig config;

    FigureSchedule(FigureStore store, FigureService figures, ScheduleConfig config) {
        this.store = store;
        this.figures = figures;
        this.config = config;
    }

    @Override
    public String name() {
        return "figure";
    }

    @Override
    public List<UUID> claimDue(Instant now, Collection<UUID> skipped, int limit) {
        return store.claimEmbargoDue(now, skipped, limit);
    }

    @Override
    public Optional<Instant> nextDue() {
        return store.nextEmbargoEnd();
    }

    @Override
    public Instant actOnDue(UUID id, Instant now) {
        return figures.releaseDue(id, now, config.lateAfter());
    }
}
