package cn.fucai.cms.article;

import cn.fucai.cms.common.schedule.ScheduleConfig;
import cn.fucai.cms.common.schedule.ScheduledWork;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Scheduled articles as the scheduler carries them out: published at publishedAt, archived at unpublishAt. */
@ApplicationScoped
class ArticleSchedule implements ScheduledWork {

    private final ArticleStates states;
    private final ArticleService articles;
    private final ScheduleConfig config;

    ArticleSchedule(ArticleStates states, ArticleService articles, ScheduleConfig config) {
        this.states = states;
        this.articles = articles;
        this.config = config;
    }

    @Override
    public String name() {
        return "article";
    }

    @Override
    public List<UUID> claimDue(Instant now, Collection<UUID> skipped, int limit) {
        return states.claimDue(now, skipped, limit);
    }

    @Override
    public Optional<Instant> nextDue() {
        return states.nextDue();
    }

    @Override
    public Instant actOnDue(UUID id, Instant now) {
        return articles.actOnDue(id, now, config.lateAfter());
    }
}
