package cn.fucai.cms.article;

import static cn.fucai.cms.support.TestData.createPublisher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.support.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The region-filtered list does bounded work on a database that was never analysed: the plan reads
 * a page's rows from article_region's index, in order, and sorts nothing (issue #17).
 */
@QuarkusTest
class ArticleListPlanTest {

    private static final int ARTICLES = 3_000;
    private static final int PAGE = 20;

    @Inject
    Jdbi jdbi;

    @Inject
    ObjectMapper json;

    @Inject
    DataSource db;

    @Test
    void aRegionPageReadsOnlyItsRowsInIndexOrderWithoutStatistics() throws Exception {
        // Enough drafts of one category for the order of the index to matter, written through the same triggers as
        // the API's writes and never analysed; drafts, so that no other test's published lists see them.
        String publisher = createPublisher();
        String category = TestData.uniqueSlug("计划");
        TestData.execute(db, """
                insert into article (id, publisher_id, slug, locale, title, category, region_codes, region_scope,
                                     published_at, status, version, created_at, updated_at)
                select gen_random_uuid(), p.id, 'plan-' || n, 'zh-CN', '福彩' || n, '%s', '{330302}',
                       '{330302,330300,330000}', timestamptz '2023-01-01' + n * interval '1 minute', 'draft', 0, now(), now()
                from publisher p, generate_series(1, %d) as n where p.slug = '%s'""".formatted(category, ARTICLES, publisher));
        var filter = new ArticleFilter(null, "330000", category, null, ArticleStatus.draft, null, null, null, null);

        List<JsonNode> nodes = plan(ArticleListQuery.statement(filter, ArticleSort.PUBLISHED_AT_DESC, null, PAGE + 1));

        assertFalse(
                nodes.stream().anyMatch(n -> n.path("Node Type").asText().contains("Sort")),
                nodes.get(0).toPrettyString());
        JsonNode scan = scanOf("article_region", nodes);
        assertEquals("article_region_category_idx", scan.path("Index Name").asText(), scan.toPrettyString());
        assertTrue(scan.path("Index Cond").asText().contains("status"), scan.toPrettyString());
        assertEquals("Backward", scan.path("Scan Direction").asText());
        assertEquals(PAGE + 1, scan.path("Actual Rows").asInt(), "a page reads its own rows, not the region's");
        assertEquals(0, scan.path("Rows Removed by Filter").asInt(), scan.toPrettyString());
        JsonNode articles = scanOf("article", nodes);
        assertEquals("article_pkey", articles.path("Index Name").asText(), "each row's article by primary key");
        assertEquals(PAGE + 1, articles.path("Actual Loops").asInt(), articles.toPrettyString());

        // A publisher with nothing in the region, which has thousands: the answer is empty, and so is the work.
        UUID elsewhere =
                UUID.fromString(TestData.column(db, "select id from publisher where slug = ?", createPublisher())
                        .get(0));
        var none = new ArticleFilter(elsewhere, "330000", null, null, ArticleStatus.draft, null, null, null, null);
        JsonNode empty = scanOf(
                "article_region", plan(ArticleListQuery.statement(none, ArticleSort.PUBLISHED_AT_DESC, null, 21)));
        assertEquals(
                0,
                empty.path("Actual Rows").asInt()
                        + empty.path("Rows Removed by Filter").asInt(),
                empty.toPrettyString());

        var anyCategory = new ArticleFilter(null, "330300", null, null, ArticleStatus.draft, null, null, null, null);
        List<JsonNode> regionOnly = plan(ArticleListQuery.statement(anyCategory, ArticleSort.PUBLISHED_AT, null, 21));
        assertFalse(
                regionOnly.stream().anyMatch(n -> n.path("Node Type").asText().contains("Sort")), "nothing sorted");
        assertTrue(
                regionOnly.stream().anyMatch(n -> n.path("Index Name").asText().equals("article_region_published_idx")),
                "read in page order from the region's index");
    }

    private static JsonNode scanOf(String table, List<JsonNode> nodes) {
        return nodes.stream()
                .filter(n -> n.path("Relation Name").asText().equals(table))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no scan of " + table + " in " + nodes.get(0).toPrettyString()));
    }

    /** Every node of the statement's plan, run with EXPLAIN ANALYZE, but those of subqueries per row. */
    private List<JsonNode> plan(Sql sql) throws Exception {
        String text =
                jdbi.withHandle(handle -> handle.createQuery("explain (analyze, buffers, format json) " + sql.text())
                        .bindMap(sql.binds())
                        .mapTo(String.class)
                        .one());
        List<JsonNode> nodes = new ArrayList<>();
        collect(json.readTree(text).get(0).get("Plan"), nodes);
        return nodes;
    }

    private static void collect(JsonNode node, List<JsonNode> nodes) {
        nodes.add(node);
        for (JsonNode child : node.path("Plans")) {
            // the translation locales of each row, sorted within the row: not the page's order
            if (!child.path("Parent Relationship").asText().equals("SubPlan")) {
                collect(child, nodes);
            }
        }
    }
}
