package cn.fucai.cms.article;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/**
 * The revalidations of {@link ArticleRevalidationTest} with reads by id coalesced
 * ({@code CMS_ARTICLES_COALESCED_READS=1}): reads that wait for the one statement allowed share the next, and are
 * answered alike, never from a statement that began before them.
 */
@QuarkusTest
@TestProfile(CoalescedRevalidationTest.OneStatementAtOnce.class)
class CoalescedRevalidationTest extends ArticleRevalidationTest {

    public static class OneStatementAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cms.articles.coalesced-reads", "1");
        }
    }
}
