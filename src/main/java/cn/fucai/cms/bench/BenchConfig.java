package cn.fucai.cms.bench;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the benchmark needs of the service. */
@ConfigMapping(prefix = "cms.bench")
public interface BenchConfig {

    /** Serves GET /api/v1/bench/constant, the benchmark's constant endpoint; off in production (CMS_BENCH_CONSTANT). */
    @WithDefault("false")
    boolean constant();
}
