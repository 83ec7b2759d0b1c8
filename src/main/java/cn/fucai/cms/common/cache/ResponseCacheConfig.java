package cn.fucai.cms.common.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The cache of public reads ({@link ResponseCache}). */
@ConfigMapping(prefix = "cms.response-cache")
public interface ResponseCacheConfig {

    /** Whether anonymous GET answers are cached in the service (CMS_RESPONSE_CACHE_ENABLED). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Most memory the cached bodies may take, in MiB (CMS_RESPONSE_CACHE_MAX_MEGABYTES; default a quarter of the
     * heap's maximum, {@link ResponseCache#maxBytes}).
     */
    Optional<Integer> maxMegabytes();

    /**
     * Longest an answer is kept, in seconds, though invalidation on change does not depend on it: it bounds what a
     * silently broken listener connection could cost (CMS_RESPONSE_CACHE_TTL_SECONDS).
     */
    @WithDefault("600")
    int ttlSeconds();

    /**
     * The JDBC URL the change listener connects to, when it must not be the datasource's: LISTEN needs a session of its
     * own, which a pooler in transaction mode does not keep (CMS_RESPONSE_CACHE_LISTENER_URL; default the datasource's).
     */
    Optional<String> listenerUrl();
}
