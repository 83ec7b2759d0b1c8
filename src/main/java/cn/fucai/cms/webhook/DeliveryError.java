package cn.fucai.cms.webhook;

import cn.fucai.cms.common.http.WireEnum;

/** Why an attempt brought back no status, in a few words: never socket details. */
enum DeliveryError implements WireEnum {
    REFUSED_BY_POLICY("refused by policy", "目标地址被安全策略拒绝 (the target address is refused by policy)"),
    CONNECTION_FAILED("connection failed", "无法连接 (no connection could be made)"),
    TIMEOUT("timeout", "超时未应答 (no answer in time)"),
    WEBHOOK_DISABLED("the webhook is disabled", "Webhook 已停用 (the webhook is disabled)");

    private final String wireName;
    private final String description;

    DeliveryError(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public String description() {
        return description;
    }
}
