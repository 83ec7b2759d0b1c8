package cn.fucai.cms.article;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/**
 * The revalidations of {@link ArticleRevalidationTest} as a service without a replica reads them with reads by id
 * coalesced ({@code CMS_ARTICLES_COALESCED_READS=1}), an anonymous reader's waiting without a worker thread.
 * Answered and counted alike, never from a statement that began before them. (The tests' other profiles configure a
 * replica, where each read is a statement of its own.)
 */
@QuarkusTest
@TestProfile(CoalescedRevalidationTest.WithoutReplica.class)
class CoalescedRevalidationTest extends ArticleRevalidationTest {

    public static class WithoutReplica implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.replica.active", "false", "cms.articles.coalesced-reads", "1");
        }
    }
}
