package cn.fucai.cms.figure;

import cn.fucai.cms.figure.FigureSummaries.Cell;
import cn.fucai.cms.figure.FigureSummaries.GroupBy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A summary computed from figures streamed in order of their period start, one calendar year at a time: every total
 * is made of yearly totals ({@link FigureSummaries}, which attributes no figure across two years), so one year of
 * figures is held, each only with what a total needs of it, however many figures the summary covers. What is kept of
 * earlier years is their totals: per group, and per bucket of the year before for year-on-year comparisons.
 * <p>
 * Years whose totals are already known ({@code kept}, from an earlier summary: {@link SummaryYears}) are not streamed
 * but taken as they are, in their place among the others; {@link #years()} gives every year's totals afterwards.
 */
final class RunningSummary implements Consumer<FigureRow> {

    /** What one calendar year gives a summary: its buckets' totals (grouped by time) or its groups' totals. */
    record YearCells(List<FigureSummaries.BucketCell> buckets, List<FigureSummaries.GroupCell> groups) {

        /** How many figure ids the totals name: what keeping them costs. */
        int figureIds() {
            return buckets.stream()
                            .mapToInt(b ->
                                    b.cell() == null ? 0 : b.cell().figureIds().size())
                            .sum()
                    + groups.stream().mapToInt(g -> g.cell().figureIds().size()).sum();
        }
    }

    private final Function<Set<String>, Map<String, String>> parentsOf;
    private final GroupBy groupBy;
    private final String region;
    private final LocalDate from;
    private final LocalDate to;
    private final NavigableMap<Integer, YearCells> kept;
    private final Map<Integer, YearCells> years = new TreeMap<>();
    private final List<FigureDtos.SummaryItem> timeItems = new ArrayList<>();
    private final Map<String, List<Cell>> yearlyCells = new TreeMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    /** The last year totalled, and its buckets' totals by key: the year before of the next one. */
    private int lastYear = Integer.MIN_VALUE;

    private Map<String, Cell> lastCells = Map.of();
    private List<FigureRow> currentYear = new ArrayList<>();
    private int year = Integer.MIN_VALUE;

    RunningSummary(
            GroupBy groupBy,
            String region,
            LocalDate from,
            LocalDate to,
            Function<Set<String>, Map<String, String>> parentsOf) {
        this(groupBy, region, from, to, parentsOf, Map.of());
    }

    RunningSummary(
            GroupBy groupBy,
            String region,
            LocalDate from,
            LocalDate to,
            Function<Set<String>, Map<String, String>> parentsOf,
            Map<Integer, YearCells> kept) {
        this.parentsOf = parentsOf;
        this.groupBy = groupBy;
        this.region = region;
        this.from = from;
        this.to = to;
        this.kept = new TreeMap<>(kept);
    }

    @Override
    public void accept(FigureRow figure) {
        int figureYear = figure.values().period().start().getYear();
        if (figureYear < year) {
            throw new IllegalStateException("figures must come in order of their period start");
        }
        if (kept.containsKey(figureYear)) {
            throw new IllegalStateException("the figures of " + figureYear + " are kept, not streamed");
        }
        if (figureYear != year) {
            close();
            takeKeptBefore(figureYear);
            currentYear = new ArrayList<>();
            year = figureYear;
        }
        currentYear.add(figure);
    }

    /** The summary items, in key order, once every figure has been given. */
    List<FigureDtos.SummaryItem> items() {
        close();
        takeKeptBefore(Integer.MAX_VALUE);
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

    /** Every year's totals, kept and computed, once {@link #items()} has been read. */
    Map<Integer, YearCells> years() {
        return years;
    }

    /** How many figures are held now: the year being read, never more (RunningSummaryTest). */
    int held() {
        return currentYear.size();
    }

    /** Totals the year read so far, if it holds figures. */
    private void close() {
        if (currentYear.isEmpty()) {
            return;
        }
        FigureSummaries summaries =
                new FigureSummaries(currentYear, parentsOf.apply(FigureSummaries.regionsOf(currentYear)));
        YearCells cells = groupBy.isTime()
                ? new YearCells(summaries.bucketCells(groupBy, region, from, to, year), List.of())
                : new YearCells(List.of(), summaries.groupCells(groupBy, region, from, to));
        add(year, cells);
        currentYear = new ArrayList<>();
    }

    /** Takes the kept years before {@code limit} that come after the last year totalled. */
    private void takeKeptBefore(int limit) {
        kept.subMap(lastYear, false, limit, false).forEach(this::add);
    }

    /** A year's totals into the summary, after every earlier year's. */
    private void add(int cellsYear, YearCells cells) {
        years.put(cellsYear, cells);
        Map<String, Cell> yearBefore = cellsYear == lastYear + 1 ? lastCells : Map.of();
        Map<String, Cell> byKey = new HashMap<>();
        for (FigureSummaries.BucketCell bucket : cells.buckets()) {
            if (bucket.cell() != null) {
                byKey.put(bucket.bucket().key(), bucket.cell());
                if (bucket.shown()) {
                    timeItems.add(FigureSummaries.timeItem(
                            bucket.bucket(),
                            bucket.cell(),
                            yearBefore.get(bucket.bucket().yearBefore().key())));
                }
            }
        }
        for (FigureSummaries.GroupCell group : cells.groups()) {
            yearlyCells.computeIfAbsent(group.key(), k -> new ArrayList<>()).add(group.cell());
            labels.putIfAbsent(group.key(), group.label());
        }
        lastYear = cellsYear;
        lastCells = byKey;
    }
}
