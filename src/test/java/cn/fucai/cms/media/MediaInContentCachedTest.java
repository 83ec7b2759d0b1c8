package cn.fucai.cms.media;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/**
 * The media-in-articles scenarios again with the response cache on: the answers kept for anonymous readers, and the
 * media service's own lookups of who may see a file, follow every publish, unpublish and delete at once.
 */
@QuarkusTest
@TestProfile(MediaInContentCachedTest.CacheOn.class)
class MediaInContentCachedTest extends MediaInContentTest {

    /** The response cache on, listening to the test database. */
    public static class CacheOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cms.response-cache.enabled", "true");
        }
    }
}
