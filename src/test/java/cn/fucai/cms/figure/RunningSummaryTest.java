package cn.fucai.cms.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.figure.FigureSummaries.GroupBy;
import cn.fucai.cms.publisher.PublisherRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

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
