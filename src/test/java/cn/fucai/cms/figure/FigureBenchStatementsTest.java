package cn.fucai.cms.figure;

import static cn.fucai.cms.bench.BenchScripts.asScripted;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.bench.BenchScripts;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * bench/pg/summary.sql and csv.sql run the statements of a public figure summary and of a CSV export, with the
 * benchmark's inputs in place of the binds (as BenchStatementsTest holds the articles' scripts).
 */
class FigureBenchStatementsTest {

    /** One of the 31 provinces, picked by pgbench ({@code PROVINCES} is their array, written in by bench/http.sh). */
    private static final String A_PROVINCE = "(PROVINCES)[:r]";

    @Test
    void summaryScriptReadsWhatAProvincesSummaryTotalsEveryYear() {
        FigureFilter fund = filter(FigureKind.fund, A_PROVINCE, FundFlow.raised, null, null);
        FigureFilter sales = filter(FigureKind.sales, A_PROVINCE, null, null, null);
        List<String> statements = List.of(
                asScripted(
                        FigureStore.totalledStatement(fund, Set.of(), null),
                        Map.of("kind", "'fund'", "region", A_PROVINCE, "flow", "'raised'")),
                asScripted(
                        FigureStore.totalledStatement(sales, Set.of(), null),
                        Map.of("kind", "'sales'", "region", A_PROVINCE)));
        assertEquals(statements, BenchScripts.statements("summary.sql"), () -> String.join(";\n", statements));
    }

    @Test
    void csvScriptReadsWhatTheExportReads() {
        FigureFilter sales =
                filter(FigureKind.sales, null, null, LocalDate.parse("2023-10-01"), LocalDate.parse("2025-12-31"));
        List<String> statements = List.of(asScripted(
                FigureStore.exportStatement(sales, Set.of()),
                Map.of("kind", "'sales'", "periodFrom", "'2023-10-01'", "periodTo", "'2025-12-31'")));
        assertEquals(statements, BenchScripts.statements("csv.sql"), () -> String.join(";\n", statements));
    }

    private static FigureFilter filter(
            FigureKind kind, String region, FundFlow flow, LocalDate periodFrom, LocalDate periodTo) {
        return new FigureFilter(
                kind, null, region, periodFrom, periodTo, null, null, null, flow, null, false, null, null);
    }
}
