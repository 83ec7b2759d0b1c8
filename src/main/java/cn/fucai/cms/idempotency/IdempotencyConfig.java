package cn.fucai.cms.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Idempotent writes; each setting is also an environment variable (CMS_IDEMPOTENCY_...). */
@ConfigMapping(prefix = "cms.idempotency")
public interface IdempotencyConfig {

    /** How long the answer to a write sent with an Idempotency-Key is kept for retries (CMS_IDEMPOTENCY_RETENTION). */
    @WithDefault("PT24H")
    Duration retention();
}
