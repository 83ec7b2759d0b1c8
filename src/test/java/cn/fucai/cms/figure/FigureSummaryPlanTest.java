package cn.fucai.cms.figure;

import static cn.fucai.cms.support.QueryPlans.allNodes;
import static cn.fucai.cms.support.QueryPlans.explain;
import static cn.fucai.cms.support.QueryPlans.rolledBack;
import static cn.fucai.cms.support.QueryPlans.scanOf;
import static cn.fucai.cms.support.TestData.createPublisher;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.common.sql.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A province's summary reads its few thousand figures by region and probes each one's figure by key, instead of
 * reading every figure of the kind into a hash (issue #17: twice the PostgreSQL time on the benchmark's 43,680 sales
 * figures); before and after the tables are analysed, for the plan of its values and the generic one.
 */
@QuarkusTest
class FigureSummaryPlanTest {

    /** Figures of Urumqi's 天山区 (no other test's) among those of Beijing's 东城区: one in twenty. */
    private static final int FIGURES = 30_000;

    private static final int IN_PROVINCE = FIGURES / 20;

    /** The province's figures start in 2000, 2005, 2010, 2015 and 2020 (n a multiple of 20, year 2000 + n % 25). */
    private static final int IN_PROVINCE_2010 = IN_PROVINCE / 5;

    @Inject
    Jdbi jdbi;

    @ParameterizedTest(name = "{0} plan")
    @ValueSource(booleans = {false, true})
    void aProvincesSummaryProbesItsFiguresByKey(boolean generic) throws Exception {
        String slug = createPublisher();
        UUID publisher = jdbi.withHandle(handle -> handle.createQuery("select id from publisher where slug = :slug")
                .bind("slug", slug)
                .mapTo(UUID.class)
                .one());
        rolledBack(
                jdbi,
                handle -> { // no other test's figures or totals see them
                    handle.execute("""
                    insert into figure (id, kind, publisher_id, current_revision, created_at, updated_at, released_at)
                    select md5('plan' || n)::uuid, 'sales', ?, 1, now(), now(), now()
                    from generate_series(1, ?) as n""", publisher, FIGURES);
                    handle.execute("""
                    insert into figure_revision (figure_id, revision, action, recorded_at, retracted, region_code,
                        region_scope, period_start, period_end, granularity, period_label, lottery_type, amount,
                        qualifier, source_url)
                    select md5('plan' || n)::uuid, 1, 'created', now(), false, s.code, s.scope,
                           make_date(2000 + n % 25, 1 + n % 12, 1),
                           (make_date(2000 + n % 25, 1 + n % 12, 1) + interval '1 month - 1 day')::date, 'MONTH',
                           (2000 + n % 25) || '年' || (1 + n % 12) || '月', 'welfare', 1000 + n, 'exact',
                           'https://www.example.cn/figures/' || n
                    from generate_series(1, ?) as n,
                         lateral (select case when n % 20 = 0 then '650102' else '110101' end as code,
                                         case when n % 20 = 0 then array['650102', '650100', '650000', '000000']
                                              else array['110101', '110100', '110000', '000000'] end::varchar(6)[]
                                             as scope) s""", FIGURES);
                    FigureFilter province = new FigureFilter(
                            FigureKind.sales,
                            null,
                            "650000",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            false,
                            null,
                            null);

                    assertProbes(handle, FigureStore.totalledStatement(province, Set.of(), null), generic, IN_PROVINCE);
                    // a summary with kept totals reads the changed years only, and probes none of the others' figures
                    Sql changed = FigureStore.totalledStatement(province, Set.of(), Set.of(2010));
                    assertProbes(handle, changed, generic, IN_PROVINCE_2010);
                    // as autovacuum leaves them
                    handle.execute("analyze figure");
                    handle.execute("analyze figure_revision");
                    assertProbes(handle, FigureStore.totalledStatement(province, Set.of(), null), generic, IN_PROVINCE);
                    assertProbes(handle, changed, generic, IN_PROVINCE_2010);
                });
    }

    private static void assertProbes(Handle handle, Sql sql, boolean generic, int revisions) throws Exception {
        List<JsonNode> nodes = allNodes(explain(handle, sql, generic));
        String shown = nodes.get(0).toPrettyString();
        JsonNode figure = scanOf("figure", nodes);
        assertEquals("Index Scan", figure.path("Node Type").asText(), shown);
        assertEquals("figure_pkey", figure.path("Index Name").asText(), shown);
        assertEquals(
                revisions,
                figure.path("Actual Loops").asInt(),
                "one probe per revision of the province read: " + shown);
        assertEquals(revisions, nodes.get(0).path("Actual Rows").asInt(), "the province's figures, and only those");
    }
}
