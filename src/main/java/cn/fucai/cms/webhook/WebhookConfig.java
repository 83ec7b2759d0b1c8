package cn.fucai.cms.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhook delivery and subscriptions; each setting is also an environment variable (CMS_WEBHOOKS_...). */
@ConfigMapping(prefix = "cms.webhooks")
public interface WebhookConfig {

    /** Whether this instance sends deliveries; off on read-only replicas (CMS_WEBHOOKS_DISPATCH). */
    @WithDefault("true")
    boolean dispatch();

    /** Attempts before a delivery is marked failed (CMS_WEBHOOKS_MAX_ATTEMPTS). */
    @WithDefault("8")
    int maxAttempts();

    /** Connect and response timeout of one attempt, in milliseconds (CMS_WEBHOOKS_TIMEOUT_MILLIS). */
    @WithDefault("10000")
    long timeoutMillis();

    /** First retry delay in milliseconds; it doubles each time, with ±20 % jitter, up to an hour (CMS_WEBHOOKS_RETRY_BASE_MILLIS). */
    @WithDefault("1000")
    long retryBaseMillis();

    /** How often the dispatcher looks for due deliveries, in milliseconds, 1000 at least (CMS_WEBHOOKS_POLL_MILLIS). */
    @WithDefault("1000")
    long pollMillis();

    /** Receivers one instance sends to at the same time, each webhook by one sender at a time (CMS_WEBHOOKS_CONCURRENCY). */
    @WithDefault("8")
    int concurrency();

    /** Webhooks one publisher, or the all-publishers scope, may have (CMS_WEBHOOKS_MAX_PER_PUBLISHER). */
    @WithDefault("20")
    int maxPerPublisher();

    /** How long a rotated secret keeps signing beside its successor (CMS_WEBHOOKS_SECRET_OVERLAP). */
    @WithDefault("PT24H")
    Duration secretOverlap();

    /** Hosts or CIDRs reachable although not public, over plain http too; for development and tests only (CMS_WEBHOOKS_ALLOWED_TARGETS). */
    Optional<List<String>> allowedTargets();
}
