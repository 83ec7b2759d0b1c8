package cn.fucai.cms.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what one client may send: body sizes and request rates. */
@ConfigMapping(prefix = "cms.limits")
public interface LimitsConfig {

    /** Largest request body in bytes, except batch imports (CMS_LIMITS_BODY_BYTES). */
    @WithDefault("1048576")
    long bodyBytes();

    /** Largest body of a batch import (POST .../batch) in bytes (CMS_LIMITS_BATCH_BODY_BYTES). */
    @WithDefault("16777216")
    long batchBodyBytes();

    /** Largest body of a media upload, multipart framing included; above cms.media.max-bytes (CMS_LIMITS_UPLOAD_BODY_BYTES). */
    @WithDefault("22020096")
    long uploadBodyBytes();

    /** Writes per minute per token, or per client address without one; 0 turns the limit off (CMS_LIMITS_WRITES_PER_MINUTE). */
    @WithDefault("120")
    int writesPerMinute();

    /** Expensive reads (summaries, search, CSV exports) per minute per token or address (CMS_LIMITS_EXPENSIVE_READS_PER_MINUTE). */
    @WithDefault("60")
    int expensiveReadsPerMinute();

    /**
     * Count budgets in PostgreSQL, across every instance, rather than in each instance alone (CMS_LIMITS_SHARED): for
     * several instances behind a balancer, where per-instance budgets would add up.
     */
    @WithDefault("false")
    boolean shared();

    /** Callers whose budgets are tracked at once; beyond it the least used are forgotten (CMS_LIMITS_TRACKED_CALLERS). */
    @WithDefault("100000")
    int trackedCallers();
}
