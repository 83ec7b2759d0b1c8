package cn.fucai.cms.figure;

import cn.fucai.cms.figure.FigureDtos.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Totals for charts that never count a yuan twice. For one region and one calendar bucket:
 * <ol>
 * <li>a region with figures of its own is totalled from them alone; only a region without any is summed from its
 * sub-regions, recursively (a province's own figure wins over the sum of its cities);</li>
 * <li>among a region's own figures, a total beats its breakdown: lottery type {@code all} over welfare and sports, no
 * game category over categories, no purpose over purposes, no government level over levels;</li>
 * <li>a figure for exactly the bucket beats finer ones (a YEAR beats its quarters, quarters beat months); failing
 * those, the year-to-date or custom figure reaching furthest is used and the total is marked partial;</li>
 * <li>of figures for the same thing (same period and breakdown), the latest recorded counts.</li>
 * </ol>
 * Figures whose period straddles two buckets are not attributed to either. Every total names the figures in it.
 */
final class FigureSummaries {

    /** Dimensions a summary can be grouped by. */
    enum GroupBy {
        year,
        quarter,
        month,
        region,
        publisher,
        gameCategory,
        flow,
        purpose;

        boolean isTime() {
            return this == year || this == quarter || this == month;
        }
    }

    /** One calendar bucket: a year, a quarter or a month. */
    record Bucket(String key, LocalDate start, LocalDate end, Granularity granularity) {

        static Bucket of(Granularity granularity, LocalDate day) {
            return switch (granularity) {
                case YEAR ->
                    new Bucket(
                            Integer.toString(day.getYear()),
                            day.withDayOfYear(1),
                            day.withDayOfYear(day.lengthOfYear()),
                            granularity);
                case QUARTER -> {
                    LocalDate start = day.withMonth((day.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1)
                            .withDayOfMonth(1);
                    yield new Bucket(
                            day.getYear() + "-Q" + day.get(IsoFields.QUARTER_OF_YEAR),
                            start,
                            start.plusMonths(3).minusDays(1),
                            granularity);
                }
                case MONTH ->
                    new Bucket(
                            YearMonth.from(day).toString(),
                            day.withDayOfMonth(1),
                            YearMonth.from(day).atEndOfMonth(),
                            granularity);
                default -> throw new IllegalArgumentException(granularity.name());
            };
        }

        boolean contains(Period period) {
            return !period.start().isBefore(start) && !period.end().isAfter(end);
        }

        Bucket yearBefore() {
            return of(granularity, start.minusYears(1));
        }
    }

    /** A total with how it was reached. */
    record Cell(BigDecimal amount, Qualifier qualifier, boolean partial, String basis, List<UUID> figureIds) {

        static Cell sum(List<Cell> parts, String basis) {
            BigDecimal amount = parts.stream().map(Cell::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            Qualifier qualifier =
                    Qualifier.ofSum(parts.stream().map(Cell::qualifier).toList());
            boolean partial = parts.stream().anyMatch(Cell::partial);
            List<UUID> ids = parts.stream().flatMap(c -> c.figureIds().stream()).toList();
            return new Cell(amount, qualifier, partial, basis, ids);
        }
    }

    private final List<FigureRow> facts;
    private final Map<String, String> parents;

    /**
     * @param facts current (or as-of) figures, not retracted, already filtered
     * @param parents the parent of each region the facts name, up to the country, as {@code Region.parentsOf} gives
     *                them; a plain map, so that the rules can be tried without a database
     */
    FigureSummaries(List<FigureRow> facts, Map<String, String> parents) {
        this.facts = facts;
        this.parents = parents;
    }

    /** The regions the facts name, whose parents the constructor needs. */
    static Set<String> regionsOf(List<FigureRow> facts) {
        return facts.stream().map(f -> f.values().regionCode()).collect(Collectors.toSet());
    }

    /** A calendar bucket's total, and whether the summary shows it (some figure starting in it lies in the range). */
    record BucketCell(Bucket bucket, Cell cell, boolean shown) {}

    /**
     * The totals of every bucket that figures of one calendar year start in, in bucket order: the facts hold that
     * year's figures. Buckets outside the range are totalled too, as the year-on-year comparison of the year after.
     */
    List<BucketCell> bucketCells(GroupBy groupBy, String region, LocalDate from, LocalDate to, int year) {
        Granularity granularity = switch (groupBy) {
            case year -> Granularity.YEAR;
            case quarter -> Granularity.QUARTER;
            default -> Granularity.MONTH;
        };
        Map<Bucket, Boolean> shown = new TreeMap<>(Comparator.comparing(Bucket::start));
        Predicate<FigureRow> inRange = inRange(from, to);
        facts.stream()
                .filter(f -> f.values().period().start().getYear() == year)
                .forEach(f -> shown.merge(
                        Bucket.of(granularity, f.values().period().start()), inRange.test(f), Boolean::logicalOr));
        List<BucketCell> cells = new ArrayList<>();
        shown.forEach((bucket, inSummary) ->
                cells.add(new BucketCell(bucket, regionCell(region, bucket, facts, groupBy), inSummary)));
        return cells;
    }

    /** A time summary's item for a bucket, compared with the same bucket a year before when that has a total. */
    static FigureDtos.SummaryItem timeItem(Bucket bucket, Cell cell, Cell yearBefore) {
        return item(
                bucket.key(), bucket.key(), cell, yearOnYear(bucket.yearBefore().key(), cell, yearBefore));
    }

    /** A group's total over the facts (of one year, as {@link RunningSummary} feeds them), with its label. */
    record GroupCell(String key, String label, Cell cell) {}

    /** The totals of a summary grouped by region, publisher, game category, flow or purpose, in key order. */
    List<GroupCell> groupCells(GroupBy groupBy, String region, LocalDate from, LocalDate to) {
        List<FigureRow> ranged = facts.stream().filter(inRange(from, to)).toList();
        Map<String, List<FigureRow>> groups = new TreeMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        Function<FigureRow, String> key = switch (groupBy) {
            case region -> f -> childOn(region, f.values().regionCode());
            case publisher -> f -> f.publisher().slug();
            case gameCategory -> f -> f.values().gameCategory();
            case flow ->
                f -> f.values().fund() == null ? null : f.values().fund().flow().name();
            case purpose ->
                f -> f.values().fund() == null ? null : f.values().fund().purposeCode();
            default -> throw new IllegalStateException(groupBy.name());
        };
        for (FigureRow fact : ranged) {
            String k = key.apply(fact);
            if (k != null) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(fact);
                labels.putIfAbsent(k, label(groupBy, fact, k));
            }
        }
        List<GroupCell> cells = new ArrayList<>();
        // grouped by region, each child is totalled as a region of its own; otherwise every group over the region
        groups.forEach((k, groupFacts) -> {
            Cell cell = yearsCell(groupBy == GroupBy.region ? k : region, groupFacts, groupBy);
            if (cell != null) {
                cells.add(new GroupCell(k, labels.get(k), cell));
            }
        });
        return cells;
    }

    private static Predicate<FigureRow> inRange(LocalDate from, LocalDate to) {
        return f -> (from == null || !f.values().period().start().isBefore(from))
                && (to == null || !f.values().period().end().isAfter(to));
    }

    /** The total over every calendar year the facts fall in, each year totalled on its own. */
    private Cell yearsCell(String region, List<FigureRow> groupFacts, GroupBy groupBy) {
        TreeSet<Bucket> years = new TreeSet<>(Comparator.comparing(Bucket::start));
        groupFacts.forEach(
                f -> years.add(Bucket.of(Granularity.YEAR, f.values().period().start())));
        return overYears(years.stream()
                .map(year -> regionCell(region, year, groupFacts, groupBy))
                .filter(Objects::nonNull)
                .toList());
    }

    /** Yearly totals added up: own or children when every year is, else mixed; null when there are none. */
    static Cell overYears(List<Cell> cells) {
        if (cells.isEmpty()) {
            return null;
        }
        Cell sum = Cell.sum(cells, null);
        boolean allOwn = cells.stream().allMatch(c -> c.basis().equals("own"));
        boolean allChildren = cells.stream().allMatch(c -> c.basis().equals("children"));
        return new Cell(
                sum.amount(),
                sum.qualifier(),
                sum.partial(),
                allOwn ? "own" : allChildren ? "children" : "mixed",
                sum.figureIds());
    }

    /** Rule 1: the region's own figures if it has any in the bucket, else the sum of its sub-regions' totals. */
    private Cell regionCell(String region, Bucket bucket, List<FigureRow> candidates, GroupBy groupBy) {
        List<FigureRow> inBucket = candidates.stream()
                .filter(f -> bucket.contains(f.values().period()))
                .toList();
        List<FigureRow> own = inBucket.stream()
                .filter(f -> f.values().regionCode().equals(region))
                .toList();
        if (!own.isEmpty()) {
            return ownCell(own, bucket, groupBy);
        }
        Map<String, List<FigureRow>> byChild = new TreeMap<>();
        for (FigureRow fact : inBucket) {
            String child = childOn(region, fact.values().regionCode());
            if (child != null) {
                byChild.computeIfAbsent(child, k -> new ArrayList<>()).add(fact);
            }
        }
        List<Cell> cells = byChild.entrySet().stream()
                .map(e -> regionCell(e.getKey(), bucket, e.getValue(), groupBy))
                .filter(Objects::nonNull)
                .toList();
        return cells.isEmpty() ? null : Cell.sum(cells, "children");
    }

    /** Rules 2 to 4, on one region's own figures in one bucket. */
    private static Cell ownCell(List<FigureRow> own, Bucket bucket, GroupBy groupBy) {
        List<FigureRow> chosen = preferTotal(own, f -> f.values().lotteryType() == LotteryType.all);
        if (groupBy != GroupBy.gameCategory) {
            chosen = preferTotal(chosen, f -> f.values().gameCategory() == null);
        }
        if (groupBy != GroupBy.purpose) {
            chosen = preferTotal(
                    chosen, f -> f.values().fund() == null || f.values().fund().purposeCode() == null);
        }
        chosen = preferTotal(
                chosen, f -> f.values().fund() == null || f.values().fund().governmentLevel() == null);

        boolean partial = false;
        List<FigureRow> exact = chosen.stream()
                .filter(f -> f.values().period().start().equals(bucket.start())
                        && f.values().period().end().equals(bucket.end()))
                .toList();
        if (!exact.isEmpty()) {
            chosen = exact;
        } else {
            List<FigureRow> finer = List.of();
            for (Granularity granularity : List.of(Granularity.QUARTER, Granularity.MONTH)) {
                finer = chosen.stream()
                        .filter(f -> f.values().period().granularity() == granularity)
                        .toList();
                if (!finer.isEmpty()) {
                    break;
                }
            }
            if (!finer.isEmpty()) {
                chosen = finer;
                long covered = distinctPeriods(finer).stream()
                        .mapToLong(p -> ChronoUnit.DAYS.between(p.start(), p.end()) + 1)
                        .sum();
                partial = covered < ChronoUnit.DAYS.between(bucket.start(), bucket.end()) + 1;
            } else {
                FigureRow furthest = chosen.stream()
                        .max(Comparator.comparing(
                                        (FigureRow f) -> f.values().period().end())
                                .thenComparing(f -> f.values().period().start(), Comparator.reverseOrder()))
                        .orElseThrow();
                chosen = chosen.stream()
                        .filter(f ->
                                f.values().period().equals(furthest.values().period()))
                        .toList();
                partial = true;
            }
        }
        Map<List<Object>, FigureRow> latest = new LinkedHashMap<>();
        for (FigureRow fact : chosen) {
            latest.merge(sameThing(fact), fact, (a, b) -> a.recordedAt().isAfter(b.recordedAt()) ? a : b);
        }
        List<FigureRow> counted = latest.values().stream()
                .filter(f -> f.values().amount() != null)
                .toList();
        if (counted.isEmpty()) {
            return null;
        }
        BigDecimal amount = counted.stream().map(f -> f.values().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Cell(
                amount,
                Qualifier.ofSum(
                        counted.stream().map(f -> f.values().qualifier()).toList()),
                partial,
                "own",
                counted.stream().map(FigureRow::id).toList());
    }

    private static List<FigureRow> preferTotal(List<FigureRow> facts, Predicate<FigureRow> isTotal) {
        List<FigureRow> totals = facts.stream().filter(isTotal).toList();
        return totals.isEmpty() ? facts : totals;
    }

    private static Set<Period> distinctPeriods(List<FigureRow> facts) {
        return facts.stream()
                .map(f -> new Period(
                        f.values().period().start(),
                        f.values().period().end(),
                        f.values().period().granularity(),
                        ""))
                .collect(Collectors.toSet());
    }

    /** The coordinates that make two figures report the same thing. */
    private static List<Object> sameThing(FigureRow f) {
        FigureValues v = f.values();
        return Arrays.asList(
                v.period().start(),
                v.period().end(),
                v.lotteryType(),
                v.gameCategory(),
                v.fund() == null ? null : v.fund().flow(),
                v.fund() == null ? null : v.fund().purposeCode(),
                v.fund() == null ? null : v.fund().governmentLevel());
    }

    /** The child of {@code ancestor} on the way up from {@code region}, or null when region is not below it. */
    private String childOn(String ancestor, String region) {
        String current = region;
        for (int depth = 0; current != null && depth < 8; depth++) {
            String parent = parents.get(current);
            if (ancestor.equals(parent)) {
                return current;
            }
            current = parent;
        }
        return null;
    }

    private static String label(GroupBy groupBy, FigureRow fact, String key) {
        return switch (groupBy) {
            case publisher -> fact.publisher().name();
            case purpose -> fact.values().fund().purposeLabel();
            default -> key;
        };
    }

    static FigureDtos.SummaryItem item(String key, String label, Cell cell, FigureDtos.YearOnYear yearOnYear) {
        return new FigureDtos.SummaryItem(
                key,
                label,
                Money.of(cell.amount()),
                cell.qualifier(),
                cell.partial(),
                cell.basis(),
                cell.figureIds(),
                yearOnYear);
    }

    private static FigureDtos.YearOnYear yearOnYear(String previousKey, Cell current, Cell previous) {
        if (previous == null) {
            return null;
        }
        BigDecimal change = current.amount().subtract(previous.amount());
        String percent = previous.amount().signum() == 0
                ? null
                : change.multiply(BigDecimal.valueOf(100))
                        .divide(previous.amount(), 2, RoundingMode.HALF_UP)
                        .toPlainString();
        Qualifier qualifier = current.qualifier() == Qualifier.exact
                        && previous.qualifier() == Qualifier.exact
                        && !current.partial()
                        && !previous.partial()
                ? Qualifier.exact
                : Qualifier.about;
        return new FigureDtos.YearOnYear(
                previousKey,
                Money.of(previous.amount()),
                change.setScale(MoneyUnit.YUAN_SCALE).toPlainString(),
                percent,
                qualifier);
    }
}
