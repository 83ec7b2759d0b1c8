package cn.fucai.cms.common.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The cache of public reads ({@link ResponseCache}). */
@ConfigMapping(prefix = "cms.response-cache")
public interface ResponseCacheConfig {

    /** Whether anonymous GET answers are cached in the service (CMS_RESPONSE_CACHE_ENABLED). */
    @WithDefault("true")
    boolean enabled();

    /** Most memory the cached bodies may take, in MiB (CMS_RESPONSE_CACHE_MAX_MEGABYTES). */
    @WithDefault("64")
    int maxMegabytes();

    /**
     * Longest an answer is kept, in seconds, though invalidation on change does not depend on it: it bounds what a
     * silently broken listener connection could cost (CMS_RESPONSE_CACHE_TTL_SECONDS).
     */
    @WithDefault("600")
    int ttlSeconds();
}
