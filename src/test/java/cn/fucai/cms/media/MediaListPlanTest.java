package cn.fucai.cms.media;

import static cn.fucai.cms.support.QueryPlans.allNodes;
import static cn.fucai.cms.support.QueryPlans.explain;
import static cn.fucai.cms.support.QueryPlans.hashesASubquery;
import static cn.fucai.cms.support.QueryPlans.rolledBack;
import static cn.fucai.cms.support.TestData.createPublisher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The media library's page for someone scoped to some publishers (their items, and any other that published content
 * shows) asks, row by row in page order, whether the row is in use: one probe of media_use's key a row, however many
 * uses there are (issue #17, as for the articles in a locale).
 */
@QuarkusTest
class MediaListPlanTest {

    private static final int PAGE = 20;

    @Inject
    Jdbi jdbi;

    @Inject
    DataSource db;

    @ParameterizedTest(name = "{0} plan")
    @ValueSource(booleans = {false, true})
    void aScopedPageProbesEachRowsUsesInsteadOfHashingAllOfThem(boolean generic) throws Exception {
        UUID owner = publisherId(createPublisher());
        UUID caller = publisherId(createPublisher());
        rolledBack(jdbi, handle -> {
            // rolled back at the end: no other test's library sees them
            handle.execute("""
                    insert into media (id, publisher_id, sha256, media_type, bytes, original_name, locale, title,
                                       created_at, updated_at)
                    select gen_random_uuid(), ?, encode(sha256(convert_to(?::text || n, 'UTF8')), 'hex'), 'image/png',
                           1000 + n, '图' || n || '.png', 'zh-CN', '福彩图片' || n,
                           timestamptz '2023-01-01' + n * interval '1 minute', now()
                    from generate_series(1, 3000) as n""", owner, owner);
            // three items in ten are in published content, so that a page of 21 reads some 70 items
            handle.execute("""
                    insert into media_use (media_id, used_by_kind, used_by_id, visible)
                    select m.id, 'article', gen_random_uuid(), right(m.original_name, 5) in ('0.png', '4.png', '8.png')
                    from media m where m.publisher_id = ?""", owner);
            var filter = new MediaReads.Filter(null, null, null, null, Set.of(caller));

            List<JsonNode> unanalysed =
                    allNodes(explain(handle, MediaReads.pageStatement(filter, null, PAGE), generic));
            assertFalse(hashesASubquery(unanalysed), unanalysed.get(0).toPrettyString());

            // as autovacuum leaves them: then the page is read in the order of the newest-first index
            handle.execute("analyze media");
            handle.execute("analyze media_use");
            List<JsonNode> nodes = allNodes(explain(handle, MediaReads.pageStatement(filter, null, PAGE), generic));

            String shown = nodes.get(0).toPrettyString();
            assertFalse(hashesASubquery(nodes), shown);
            List<JsonNode> uses = nodes.stream()
                    .filter(n -> n.path("Relation Name").asText().equals("media_use"))
                    .toList();
            assertFalse(uses.isEmpty(), shown);
            for (JsonNode use : uses) {
                assertEquals("media_use_pkey", use.path("Index Name").asText(), shown);
                assertTrue(
                        use.path("Actual Loops").asInt() <= 4 * (PAGE + 1),
                        "one probe per item read, not one per use: " + shown);
            }
            assertEquals(
                    PAGE + 1, nodes.get(0).path("Actual Rows").asInt(), "a page, and one more to tell another follows");
        });
    }

    private UUID publisherId(String slug) {
        return UUID.fromString(TestData.column(db, "select id from publisher where slug = ?", slug)
                .get(0));
    }
}
