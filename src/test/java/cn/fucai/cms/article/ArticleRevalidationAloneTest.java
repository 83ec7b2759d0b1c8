package cn.fucai.cms.article;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/**
 * The revalidations of {@link ArticleRevalidationTest} with each read by id a statement of its own
 * ({@code CMS_ARTICLES_COALESCED_READS=0}, as with a replica): answered alike, and counted alike.
 */
@QuarkusTest
@TestProfile(ArticleRevalidationAloneTest.EachReadAlone.class)
class ArticleRevalidationAloneTest extends ArticleRevalidationTest {

    public static class EachReadAlone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cms.articles.coalesced-reads", "0");
        }
    }
}
