package cn.fucai.cms.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The response cache on, listening to the test database: for a test class that repeats another's with the cache. */
public class ResponseCacheOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("cms.response-cache.enabled", "true");
    }
}
