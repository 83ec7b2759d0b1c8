package cn.fucai.cms.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.figure.FigureSummaries.GroupBy;
import cn.fucai.cms.publisher.PublisherRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A summary over many figures holds one year of them at a time (issue #15, point 12), and gives the totals the whole
 * list gave: twenty years of monthly figures of two districts, fed as the database streams them, in period order.
 * A plain unit test: the rules need no database.
 */
class RunningSummaryTest {

    private static final PublisherRef WENZHOU = new PublisherRef(
            UUID.randomUUID(), "wenzhou-fucai", "温州市福利彩票发行中心", "Wenzhou Welfare Lottery Issuance Center");
    private static final int YEARS = 20;

    @Test
    void aSummaryHoldsOneYearOfFiguresAtATimeAndTotalsEveryYear() {
        RunningSummary byYear =
                new RunningSummary(GroupBy.year, "330300", LocalDate.of(2001, 1, 1), null, RunningSummaryTest::parents);
        RunningSummary byRegion = new RunningSummary(GroupBy.region, "330300", null, null, RunningSummaryTest::parents);
        int mostHeld = 0;
        for (int year = 2000; year < 2000 + YEARS; year++) {
            for (int month = 1; month <= 12; month++) {
                for (String district : List.of("330302", "330303")) {
                    FigureRow figure = monthly(district, LocalDate.of(year, month, 1), "1000.00");
                    byYear.accept(figure);
                    byRegion.accept(figure);
                    mostHeld = Math.max(mostHeld, Math.max(byYear.held(), byRegion.held()));
                }
            }
        }
        assertTrue(mostHeld <= 24, "held at most one year of figures (24), held " + mostHeld);

        List<FigureDtos.SummaryItem> years = byYear.items();
        assertEquals(YEARS - 1, years.size(), "2001 to 2019; 2000 only as 2001's year before");
        assertEquals("2001", years.get(0).key());
        assertEquals(
                new BigDecimal("24000.00"), new BigDecimal(years.get(0).total().amount()));
        assertEquals("2000", years.get(0).yearOnYear().previousKey());
        assertEquals("0.00", years.get(0).yearOnYear().change());
        List<FigureDtos.SummaryItem> regions = byRegion.items();
        assertEquals(
                List.of("330302", "330303"),
                regions.stream().map(FigureDtos.SummaryItem::key).toList());
        assertEquals(
                new BigDecimal(1000 * 12 * YEARS + ".00"),
                new BigDecimal(regions.get(0).total().amount()));
        assertEquals(12 * YEARS, regions.get(0).figureIds().size());
    }

    /**
     * Years taken as kept ({@link SummaryYears}) give the items that streaming every year gives, year-on-year
     * comparisons across a kept year included: kept at the start, in the middle, at the end, every other one, all.
     */
    @ParameterizedTest(name = "{0}, kept {1}")
    @MethodSource("keptYears")
    void keptYearsGiveTheItemsThatStreamingEveryYearGives(GroupBy groupBy, Set<Integer> keptYears) {
        List<FigureRow> figures = varied();
        RunningSummary whole =
                new RunningSummary(groupBy, "330300", LocalDate.of(2001, 1, 1), null, RunningSummaryTest::parents);
        for (FigureRow figure : figures) {
            whole.accept(figure);
        }
        List<FigureDtos.SummaryItem> expected = whole.items();
        Map<Integer, RunningSummary.YearCells> kept = new HashMap<>(whole.years());
        kept.keySet().retainAll(keptYears);

        RunningSummary partly = new RunningSummary(
                groupBy, "330300", LocalDate.of(2001, 1, 1), null, RunningSummaryTest::parents, kept);
        int streamed = 0;
        for (FigureRow figure : figures) {
            if (!keptYears.contains(figure.values().period().start().getYear())) {
                partly.accept(figure);
                streamed++;
            }
        }
        assertEquals(expected, partly.items());
        assertEquals(whole.years(), partly.years(), "every year's totals, to be kept for the next summary");
        assertEquals(2 * 12 * (5 - keptYears.size()), streamed);
        assertTrue(expected.stream().anyMatch(item -> item.yearOnYear() != null) || !groupBy.isTime());
    }

    static Stream<Arguments> keptYears() {
        List<Set<Integer>> kept = List.of(
                Set.of(),
                Set.of(2000),
                Set.of(2002),
                Set.of(2004),
                Set.of(2001, 2003),
                Set.of(2000, 2001, 2002, 2003, 2004));
        return Stream.of(GroupBy.year, GroupBy.month, GroupBy.region)
                .flatMap(groupBy -> kept.stream().map(years -> Arguments.of(groupBy, years)));
    }

    /** Five years of monthly figures of two districts, each month's amount different, in period order. */
    private static List<FigureRow> varied() {
        List<FigureRow> figures = new ArrayList<>();
        for (int year = 2000; year < 2005; year++) {
            for (int month = 1; month <= 12; month++) {
                figures.add(monthly("330302", LocalDate.of(year, month, 1), (year - 1990) * month + ".00"));
                figures.add(monthly("330303", LocalDate.of(year, month, 1), (year - 1995) + month + ".50"));
            }
        }
        return figures;
    }

    /** 鹿城区 and 龙湾区 under 温州市, under 浙江省: no database needed. */
    private static Map<String, String> parents(Set<String> regions) {
        return Map.of("330302", "330300", "330303", "330300", "330300", "330000", "330000", "000000");
    }

    private static FigureRow monthly(String region, LocalDate month, String yuan) {
        Period period = new Period(
                month,
                month.plusMonths(1).minusDays(1),
                Granularity.MONTH,
                month.getYear() + "年" + month.getMonthValue() + "月");
        FigureValues values = new FigureValues(
                WENZHOU.id(),
                region,
                period,
                LotteryType.welfare,
                null,
                new BigDecimal(yuan),
                new BigDecimal(yuan),
                "元",
                Qualifier.exact,
                null,
                "https://www.example.org/" + region,
                "销售福利彩票" + yuan + "元",
                null,
                null,
                null,
                null);
        Instant recorded = Instant.parse("2021-01-01T00:00:00Z");
        return new FigureRow(
                UUID.randomUUID(),
                FigureKind.sales,
                WENZHOU,
                recorded,
                1,
                "created",
                null,
                recorded,
                false,
                values,
                FigureRelease.now(recorded));
    }
}
