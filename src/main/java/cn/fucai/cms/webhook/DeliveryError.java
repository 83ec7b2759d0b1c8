package cn.fucai.cms.webhook;

import cn.fucai.cms.common.http.WireEnum;
import cn.fucai.cms.common.http.WireEnum.Description;

/** Why an attempt brought back no status, in a few words: never socket details. */
enum DeliveryError implements WireEnum {
    @Description("目标地址被安全策略拒绝 (the target address is refused by policy)")
    REFUSED_BY_POLICY("refused by policy"),
    @Description("无法连接 (no connection could be made)")
    CONNECTION_FAILED("connection failed"),
    @Description("超时未应答 (no answer in time)")
    TIMEOUT("timeout"),
    @Description("Webhook 已停用 (the webhook is disabled)")
    WEBHOOK_DISABLED("the webhook is disabled");

    private final String wireName;

    DeliveryError(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
