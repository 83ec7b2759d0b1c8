package cn.fucai.cms.webhook;

import cn.fucai.cms.common.http.OutboundTargets;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Where webhooks may be sent: https URLs of public hosts ({@link OutboundTargets}); {@link
 * WebhookConfig#allowedTargets()} names hosts or networks that may be reached anyway, and reached over plain http: for
 * development and tests only.
 */
@Singleton
public class WebhookTargets extends OutboundTargets {

    WebhookTargets(WebhookConfig config) {
        super(config.allowedTargets().orElse(List.of()), "webhooks", "CMS_WEBHOOKS_ALLOWED_TARGETS", false);
    }
}
