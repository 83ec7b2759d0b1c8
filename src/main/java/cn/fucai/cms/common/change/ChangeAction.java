package cn.fucai.cms.common.change;

import cn.fucai.cms.common.http.WireEnum;
import java.util.Locale;

/** What a write did; {@link #wireName()} is how the audit log spells it. */
public enum ChangeAction implements WireEnum {
    CREATE("创建 (created)"),
    UPDATE("修改 (updated)"),
    DELETE("删除 (deleted)"),
    /** A figure's new revision with corrected values. */
    CORRECT("更正数据，旧值仍可查 (a figure corrected; its old values stay readable)"),
    /** A figure withdrawn by a new revision; its values stay readable. */
    RETRACT("撤回数据 (a figure retracted)"),
    /** An API token that no longer works. */
    REVOKE("吊销令牌 (an API token revoked)"),
    /** A webhook's new signing secret. */
    ROTATE_SECRET("更换 Webhook 签名密钥 (a webhook's signing secret rotated)"),
    /** A webhook delivery sent again. */
    REDELIVER("重新投递 Webhook (a webhook delivery sent again)");

    private final String description;

    ChangeAction(String description) {
        this.description = description;
    }

    /** The name spelled as on the wire: create, rotate-secret. */
    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String description() {
        return description;
    }
}
