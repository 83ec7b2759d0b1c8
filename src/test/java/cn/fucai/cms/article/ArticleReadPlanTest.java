package cn.fucai.cms.article;

import static cn.fucai.cms.support.QueryPlans.allNodes;
import static cn.fucai.cms.support.QueryPlans.explain;
import static cn.fucai.cms.support.QueryPlans.scanOf;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.support.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Articles read by a list of ids (the coalesced reads of single articles, their revalidations, search hits, sync
 * pages, the summaries a list page does not keep) keep one plan: a prepared statement is planned once, not at every
 * execution for the length of its list, and each row's publisher is read on its own, not every publisher hashed
 * (issue #17).
 */
@QuarkusTest
class ArticleReadPlanTest {

    private static final int EXECUTIONS = 12;

    @Inject
    Jdbi jdbi;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"original", "validators", "versions", "headings", "whole", "list summaries"})
    void aReadByIdsKeepsOneGenericPlanThatProbesEachPublisher(String read) throws Exception {
        String publisher = createPublisher();
        List<UUID> ids = IntStream.range(0, 3)
                .mapToObj(i -> TestData.uuid(createArticleId(article(publisher, TestData.uniqueSlug("plan-ids")))))
                .toList();
        Sql statement = statement(read, ids);
        String array = ids.stream().map(UUID::toString).collect(Collectors.joining(",", "'{", "}'"));
        // the list summaries' statement also takes the locale each is served in, the headings' the words looked for
        String second = statement.binds().keySet().stream()
                .filter(name -> !name.equals("ids"))
                .findFirst()
                .orElse(null);
        String prepared = statement.text().replace(":ids", "$1").replace(":" + second, "$2");
        String arguments = array
                + (second == null
                        ? ""
                        : ", '" + postgresArray((String[]) statement.binds().get(second)) + "'");

        long[] plans = jdbi.withHandle(handle -> {
            handle.execute("prepare by_ids(uuid[]" + (second == null ? "" : ", text[]") + ") as " + prepared);
            try {
                for (int i = 0; i < EXECUTIONS; i++) {
                    assertEquals(
                            3,
                            handle.createQuery("execute by_ids(" + arguments + ")")
                                    .mapToMap()
                                    .list()
                                    .size());
                }
                return handle.createQuery(
                                "select generic_plans, custom_plans from pg_prepared_statements where name = 'by_ids'")
                        .map((rs, context) -> new long[] {rs.getLong(1), rs.getLong(2)})
                        .one();
            } finally {
                handle.execute("deallocate by_ids");
            }
        });
        // PostgreSQL plans the first five executions for their values, then keeps the generic plan when it costs no
        // more: a list bound as it is looked cheaper planned for its length every time
        assertEquals(EXECUTIONS - 5, plans[0], "executions run on the generic plan");
        assertEquals(5, plans[1], "executions planned for their values");

        List<JsonNode> nodes = allNodes(jdbi.withHandle(handle -> explain(handle, statement, true)));
        assertFalse(
                nodes.stream().anyMatch(n -> n.path("Node Type").asText().startsWith("Hash")),
                () -> "nothing hashed: " + nodes.get(0).toPrettyString());
        // each row's publisher read on its own: by primary key from a table of many pages (the benchmark's 364
        // publishers), or from the test database's page or two as cheaply by reading them
        JsonNode publishers = scanOf("publisher", nodes);
        assertEquals(3, publishers.path("Actual Loops").asInt(), "one read a row: " + publishers.toPrettyString());
    }

    private static String postgresArray(String[] values) {
        return String.join(",", values).transform(list -> "{" + list + "}");
    }

    /** The statement of a read by ids, with its binds. */
    private static Sql statement(String read, List<UUID> ids) {
        UUID[] array = ids.toArray(UUID[]::new);
        if (read.equals("list summaries")) {
            return new Sql(ArticleListQuery.BY_IDS)
                    .bind("ids", array)
                    .bind("locales", new String[] {"zh-CN", "zh-CN", "zh-CN"});
        }
        if (read.equals("headings")) {
            return new Sql(ArticleHeading.SELECT + ArticleStates.BY_IDS)
                    .bind("ids", array)
                    .bind("words", new String[] {"福彩", "2026"});
        }
        String select = switch (read) {
            case "original" -> ArticleStates.READ_ORIGINAL;
            case "validators" -> ArticleValidators.SELECT;
            case "versions" -> ArticleVersion.SELECT;
            default -> ArticleStates.READ;
        };
        return new Sql(select + ArticleStates.BY_IDS).bind("ids", array);
    }
}
