package cn.fucai.cms.common.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the service speaks HTTP: its public address, caching headers, the request log and statement timing. */
@ConfigMapping(prefix = "cms")
public interface HttpConfig {

    /** The absolute http(s) URL clients reach the service at; Location headers and feed links use it (CMS_PUBLIC_URL). */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Whether answers carry Server-Timing with the request's SQL statement count (CMS_SERVER_TIMING). */
    @WithDefault("false")
    boolean serverTiming();

    /**
     * API reads (GET, HEAD) worked on at once, the others waiting their turn; 0, the default, no limit
     * (CMS_CONCURRENT_READS). Measured both ways on two cores: docs/performance.md, "Reads take turns".
     */
    @WithDefault("0")
    int concurrentReads();

    RequestLog requestLog();

    Cache cache();

    /** The one line logged per request. */
    interface RequestLog {

        /** Whether it is written (CMS_REQUEST_LOG; the default, true, is in application.properties with that name). */
        boolean enabled();
    }

    /** Cache-Control of anonymous reads: public, for this long, then stale while revalidating. */
    interface Cache {

        /** Seconds a shared cache or browser may keep an anonymous read (CMS_CACHE_MAX_AGE). */
        @WithDefault("60")
        int maxAge();

        /** Seconds after that it may still serve it while it fetches a fresh one (CMS_CACHE_STALE_WHILE_REVALIDATE). */
        @WithDefault("300")
        int staleWhileRevalidate();
    }
}
