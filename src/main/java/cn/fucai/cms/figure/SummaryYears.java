package cn.fucai.cms.figure;

import cn.fucai.cms.figure.FigureSummaries.GroupBy;
import cn.fucai.cms.figure.RunningSummary.YearCells;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

/**
 * The yearly totals of public figure summaries, kept from one summary to the next. A summary is its years' totals put
 * together ({@link RunningSummary}), and it reads in one snapshot: what an earlier summary computed for a year still
 * holds unless a change of that year has committed since (V32 notes the years of every transaction that writes a
 * figure or a publisher), so only the other years' figures are read again. This is no cache of answers: every summary
 * asks the database what changed, in the snapshot it reads, and so is exact, also with {@code Cache-Control: no-cache}
 * and on any instance. Only summaries of public figures as they are now are kept: an editor's (held figures
 * included), one as of a past moment and one filtered by words are computed whole.
 */
@ApplicationScoped
class SummaryYears {

    /** At most this many figure ids named by kept totals, about 40 bytes each: 20 MiB. */
    static final long MAX_FIGURE_IDS = 500_000;

    /** A summary, but for its years: the figures it loads (a year more than asked for), how it groups, its range. */
    record Key(FigureFilter load, GroupBy groupBy, String region, LocalDate from, LocalDate to) {}

    /** Every year's totals of a summary, and the snapshot they hold in. */
    record Kept(String snapshot, Map<Integer, YearCells> years) {

        int weight() {
            return 1 + years.values().stream().mapToInt(YearCells::figureIds).sum();
        }
    }

    private final Cache<Key, Kept> kept = Caffeine.newBuilder()
            .maximumWeight(MAX_FIGURE_IDS)
            .weigher((Key key, Kept value) -> value.weight())
            .build();
    /** How long the notes of changed years are kept: totals kept longer without a summary are computed again. */
    private static final Duration NOTES_KEPT = Duration.ofHours(1);

    private final FigureStore store;
    private final Counter reused;
    private final Counter computed;

    SummaryYears(FigureStore store, MeterRegistry metrics) {
        this.store = store;
        this.reused = Counter.builder("cms_figure_summary_years")
                .description("Years of figure summaries, by whether their totals were kept or computed")
                .tag("totals", "kept")
                .register(metrics);
        this.computed = Counter.builder("cms_figure_summary_years")
                .description("Years of figure summaries, by whether their totals were kept or computed")
                .tag("totals", "computed")
                .register(metrics);
    }

    /** What was kept of this summary; null when nothing was. */
    Kept get(Key key) {
        return kept.getIfPresent(key);
    }

    /** Counts every year of a summary answered from what was kept, nothing changed since. */
    void reused(Kept kept) {
        reused.increment(kept.years().size());
    }

    /** Keeps a summary's years, counting how many of them were taken as kept. */
    void keep(Key key, String snapshot, Map<Integer, YearCells> years, int reusedYears) {
        reused.increment(reusedYears);
        computed.increment(years.size() - reusedYears);
        kept.put(key, new Kept(snapshot, Map.copyOf(years)));
    }

    /** Drops old notes of changed years, once an hour (V32). */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneNotes() {
        store.pruneYearChanges(NOTES_KEPT);
    }
}
