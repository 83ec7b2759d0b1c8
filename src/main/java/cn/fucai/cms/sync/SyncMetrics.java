package cn.fucai.cms.sync;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

/**
 * cms_sync_feed_lag_seconds: how long the oldest change that mirrors cannot see yet has waited. The feed shows only
 * changes of transactions older than the oldest one still running, so a long transaction holds every later change
 * back; this says for how long. Read from the database when metrics are scraped; NaN while it cannot say.
 */
@Startup
@ApplicationScoped
class SyncMetrics {

    SyncMetrics(MeterRegistry metrics, Jdbi jdbi) {
        Gauge.builder("cms.sync.feed.lag", () -> {
                    try {
                        return jdbi.withHandle(handle ->
                                handle.createQuery("""
                                        select coalesce(extract(epoch from now() - min(changed_at)), 0) from (
                                            select changed_at, xid from article_change
                                            union all select changed_at, xid from media_change) c
                                        where xid >= pg_snapshot_xmin(pg_current_snapshot())""").mapTo(Double.class).one());
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .baseUnit("seconds")
                .description("Age of the oldest change not yet visible in the sync feed")
                .register(metrics);
    }
}
