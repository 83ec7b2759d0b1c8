package cn.fucai.cms.figure;

import cn.fucai.cms.figure.FigureSummaries.Cell;
import cn.fucai.cms.figure.FigureSummaries.GroupBy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A summary computed from figures streamed in order of their period start, one calendar year at a time: every total
 * is made of yearly totals ({@link FigureSummaries}, which attributes no figure across two years), so one year of
 * figures is held, each only with what a total needs of it, however many figures the summary covers. What is kept of
 * earlier years is their totals: per group, and per bucket of the year before for year-on-year comparisons.
 */
final class RunningSummary implements Consumer<FigureRow> {

    private final Function<Set<String>, Map<String, String>> parentsOf;
    private final GroupBy groupBy;
    private final String region;
    private final LocalDate from;
    private final LocalDate to;
    private final List<FigureDtos.SummaryItem> timeItems = new ArrayList<>();
    private final Map<String, List<Cell>> yearlyCells = new TreeMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    /** The totals of the year before the one being read, by bucket key, for year-on-year comparisons. */
    private Map<String, Cell> yearBefore = Map.of();

    private List<FigureRow> currentYear = new ArrayList<>();
    private int year = Integer.MIN_VALUE;

    RunningSummary(
            GroupBy groupBy,
            String region,
            LocalDate from,
            LocalDate to,
            Function<Set<String>, Map<String, String>> parentsOf) {
        this.parentsOf = parentsOf;
        this.groupBy = groupBy;
        this.region = region;
        this.from = from;
        this.to = to;
    }

    @Override
    public void accept(FigureRow figure) {
        int figureYear = figure.values().period().start().getYear();
        if (figureYear < year) {
            throw new IllegalStateException("figures must come in order of their period start");
        }
        if (figureYear != year) {
            Map<String, Cell> closed = close();
            yearBefore = figureYear == year + 1 ? closed : Map.of();
            currentYear = new ArrayList<>();
            year = figureYear;
        }
        currentYear.add(figure);
    }

    /** The summary items, in key order, once every figure has been given. */
    List<FigureDtos.SummaryItem> items() {
        close();
        currentYear = new ArrayList<>();
        year = Integer.MAX_VALUE;
        if (groupBy.isTime()) {
            return timeItems;
        }
        List<FigureDtos.SummaryItem> items = new ArrayList<>();
        yearlyCells.forEach((key, cells) ->
                items.add(FigureSummaries.item(key, labels.get(key), FigureSummaries.overYears(cells), null)));
        return items;
    }

    /** How many figures are held now: the year being read, never more (RunningSummaryTest). */
    int held() {
        return currentYear.size();
    }

    /** Totals the year read so far; for a time summary, answers its buckets' totals by key. */
    private Map<String, Cell> close() {
        if (currentYear.isEmpty()) {
            return Map.of();
        }
        if (groupBy.isTime()) {
            Map<String, Cell> cells = new HashMap<>();
            for (FigureSummaries.BucketCell bucket : summaries().bucketCells(groupBy, region, from, to, year)) {
                if (bucket.cell() != null) {
                    cells.put(bucket.bucket().key(), bucket.cell());
                    if (bucket.shown()) {
                        timeItems.add(FigureSummaries.timeItem(
                                bucket.bucket(),
                                bucket.cell(),
                                yearBefore.get(bucket.bucket().yearBefore().key())));
                    }
                }
            }
            return cells;
        }
        for (FigureSummaries.GroupCell group : summaries().groupCells(groupBy, region, from, to)) {
            yearlyCells.computeIfAbsent(group.key(), k -> new ArrayList<>()).add(group.cell());
            labels.putIfAbsent(group.key(), group.label());
        }
        return Map.of();
    }

    private FigureSummaries summaries() {
        return new FigureSummaries(currentYear, parentsOf.apply(FigureSummaries.regionsOf(currentYear)));
    }
}
