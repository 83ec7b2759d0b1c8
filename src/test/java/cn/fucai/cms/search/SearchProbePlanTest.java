package cn.fucai.cms.search;

import static cn.fucai.cms.support.QueryPlans.allNodes;
import static cn.fucai.cms.support.QueryPlans.explain;
import static cn.fucai.cms.support.QueryPlans.rolledBack;
import static cn.fucai.cms.support.TestData.createPublisher;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.common.text.SearchQuery;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A tier's probe reads its window of newest articles in order and stops at the last hit the page needs: a word in
 * every body fills a page of 3 from the newest 3 documents, not from all 30 of the window.
 */
@QuarkusTest
class SearchProbePlanTest {

    private static final int ARTICLES = 30;
    private static final int WANTED = 3;

    @Inject
    Jdbi jdbi;

    @ParameterizedTest
    @EnumSource(SearchService.Tier.class)
    void aProbeStopsAtTheLastHitThePageNeeds(SearchService.Tier tier) throws Exception {
        String publisher = createPublisher();
        // the word in every title for the title tier, in every body only for the text tier; drafts, which no other
        // test's searches see, in a transaction rolled back
        String title = tier == SearchService.Tier.TITLE ? "助残项目" : "年度回顾";
        rolledBack(jdbi, handle -> {
            handle.execute("""
                    insert into article (id, publisher_id, slug, locale, title, body, category, region_codes, region_scope,
                                         published_at, status, version, created_at, updated_at)
                    select gen_random_uuid(), p.id, 'probe-' || n, 'zh-CN', '%s' || n, '<p>开展助残活动。</p>', '本地新闻',
                           '{}', '{}', timestamptz '2023-01-01' + n * interval '1 minute', 'draft', 0, now(), now()
                    from publisher p, generate_series(1, %d) as n where p.slug = '%s'""".formatted(title, ARTICLES, publisher));
            UUID publisherId = handle.createQuery("select id from publisher where slug = :slug")
                    .bind("slug", publisher)
                    .mapTo(UUID.class)
                    .one();
            Sql filters = new Sql(" and s.status = 'draft'")
                    .append(" and s.publisher_id = :publisher", "publisher", publisherId);
            Sql probe = SearchService.probeStatement(
                    tier, SearchQuery.parse("助残"), new SearchService.Scope(filters, null, null, null), WANTED);

            List<JsonNode> nodes = allNodes(explain(handle, probe, false));

            JsonNode candidates = nodes.stream()
                    .filter(n -> n.path("Node Type").asText().equals("Subquery Scan")
                            && n.path("Alias").asText().equals("c"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(nodes.get(0).toPrettyString()));
            assertEquals(WANTED, candidates.path("Actual Rows").asInt(), candidates.toPrettyString());
            assertEquals(
                    WANTED, candidates.path("Plans").get(0).path("Actual Rows").asInt(), candidates.toPrettyString());
        });
    }
}
