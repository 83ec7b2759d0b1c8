package cn.fucai.cms.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.figure.FigureSummaries.GroupBy;
import cn.fucai.cms.publisher.PublisherRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules that keep a chart from counting a yuan twice ({@link FigureSummaries}), one case each, without a database:
 * the 2019 total of 温州市 (330300) from the figures given.
 */
class FigureSummariesRulesTest {

    private static final PublisherRef WENZHOU =
            new PublisherRef(UUID.randomUUID(), "wenzhou-fucai", "温州市福利彩票发行中心", null);
    private static final Instant EARLY = Instant.parse("2020-01-10T00:00:00Z");
    private static final Instant LATE = Instant.parse("2020-03-01T00:00:00Z");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "a region's own figure wins over the sum of its districts",
                        List.of(year("330300", "100"), year("330302", "60"), year("330303", "70")),
                        "100.00",
                        "own",
                        false),
                Arguments.of(
                        "without one, its districts are summed",
                        List.of(year("330302", "60"), year("330303", "70")),
                        "130.00",
                        "children",
                        false),
                Arguments.of(
                        "a total over all lottery types wins over welfare and sports",
                        List.of(
                                year("330300", "100").with(LotteryType.all),
                                year("330300", "60"),
                                year("330300", "50").with(LotteryType.sports)),
                        "100.00",
                        "own",
                        false),
                Arguments.of(
                        "a figure for the whole year wins over its months",
                        List.of(year("330300", "100"), month("330300", 1, "10"), month("330300", 2, "10")),
                        "100.00",
                        "own",
                        false),
                Arguments.of(
                        "twelve months make the year, whole",
                        Stream.iterate(1, m -> m + 1)
                                .limit(12)
                                .map(m -> month("330300", m, "10"))
                                .toList(),
                        "120.00",
                        "own",
                        false),
                Arguments.of(
                        "six months make a partial year",
                        Stream.iterate(1, m -> m + 1)
                                .limit(6)
                                .map(m -> month("330300", m, "10"))
                                .toList(),
                        "60.00",
                        "own",
                        true),
                Arguments.of(
                        "of two figures for the same thing, the later recorded counts",
                        List.of(year("330300", "80"), year("330300", "90").recorded(LATE)),
                        "90.00",
                        "own",
                        false),
                Arguments.of(
                        "failing those, the year-to-date figure reaching furthest, as partial",
                        List.of(toDate("330300", 6, "50"), toDate("330300", 9, "70")),
                        "70.00",
                        "own",
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theYearsTotalFollowsTheRules(String rule, List<Figure> figures, String total, String basis, boolean partial) {
        RunningSummary summary =
                new RunningSummary(GroupBy.year, "330300", null, null, FigureSummariesRulesTest::parents);
        figures.stream().map(Figure::row).forEach(summary);
        List<FigureDtos.SummaryItem> items = summary.items();
        assertEquals(1, items.size(), rule);
        assertEquals("2019", items.get(0).key(), rule);
        assertEquals(total, items.get(0).total().amount(), rule);
        assertEquals(basis, items.get(0).basis(), rule);
        assertEquals(partial, items.get(0).partial(), rule);
    }

    /** A figure of 2019 being built for a case. */
    record Figure(
            String region,
            LocalDate start,
            LocalDate end,
            Granularity granularity,
            LotteryType lotteryType,
            String yuan,
            Instant recordedAt) {

        Figure with(LotteryType type) {
            return new Figure(region, start, end, granularity, type, yuan, recordedAt);
        }

        Figure recorded(Instant at) {
            return new Figure(region, start, end, granularity, lotteryType, yuan, at);
        }

        FigureRow row() {
            FigureValues values = new FigureValues(
                    WENZHOU.id(),
                    region,
                    new Period(start, end, granularity, ""),
                    lotteryType,
                    null,
                    new BigDecimal(yuan),
                    new BigDecimal(yuan),
                    "元",
                    Qualifier.exact,
                    null,
                    "https://www.example.org/",
                    null,
                    null,
                    null,
                    null,
                    null);
            return new FigureRow(
                    UUID.randomUUID(),
                    FigureKind.sales,
                    WENZHOU,
                    recordedAt,
                    1,
                    "created",
                    null,
                    recordedAt,
                    false,
                    values,
                    FigureRelease.now(recordedAt));
        }
    }

    private static Figure year(String region, String yuan) {
        return new Figure(
                region,
                LocalDate.of(2019, 1, 1),
                LocalDate.of(2019, 12, 31),
                Granularity.YEAR,
                LotteryType.welfare,
                yuan,
                EARLY);
    }

    private static Figure month(String region, int month, String yuan) {
        LocalDate start = LocalDate.of(2019, month, 1);
        return new Figure(
                region, start, start.plusMonths(1).minusDays(1), Granularity.MONTH, LotteryType.welfare, yuan, EARLY);
    }

    private static Figure toDate(String region, int lastMonth, String yuan) {
        LocalDate end = LocalDate.of(2019, lastMonth, 1).plusMonths(1).minusDays(1);
        return new Figure(
                region, LocalDate.of(2019, 1, 1), end, Granularity.YEAR_TO_DATE, LotteryType.welfare, yuan, EARLY);
    }

    private static Map<String, String> parents(Set<String> regions) {
        return Map.of("330302", "330300", "330303", "330300", "330300", "330000", "330000", "000000");
    }
}
