package cn.fucai.cms.common.change;

import cn.fucai.cms.common.http.WireEnum;
import cn.fucai.cms.common.http.WireEnum.Description;

/** What a write did; {@link #wireName()} is how the audit log spells it. */
public enum ChangeAction implements WireEnum {
    @Description("创建 (created)")
    CREATE,
    @Description("修改 (updated)")
    UPDATE,
    @Description("删除 (deleted)")
    DELETE,
    @Description("定时发布 (published by the scheduler at its time)")
    RELEASE,
    @Description("定时下线 (archived by the scheduler at its unpublish time)")
    EXPIRE,
    @Description("更正数据，旧值仍可查 (a figure corrected; its old values stay readable)")
    CORRECT,
    @Description("撤回数据 (a figure retracted)")
    RETRACT,
    @Description("吊销令牌 (an API token revoked)")
    REVOKE,
    @Description("更换 Webhook 签名密钥 (a webhook's signing secret rotated)")
    ROTATE_SECRET,
    @Description("重新投递 Webhook (a webhook delivery sent again)")
    REDELIVER,
    @Description("封面焦点随图片调整 (an article's cover followed its image's new focal point in the media library)")
    REFOCUS,
    @Description("提交审核 (an article sent for review)")
    SUBMIT,
    @Description("审核通过并发布 (an article approved by a reviewer, and published or scheduled)")
    APPROVE,
    @Description("退回修改 (an article sent back to its editors with a comment)")
    RETURN,
    @Description("生成预览链接 (a preview link to an article was made)")
    SHARE_PREVIEW,
    @Description("登录 (signed in)")
    SIGN_IN,
    @Description("登录失败 (a sign-in refused: unknown login, wrong password, disabled account, or too many failures)")
    SIGN_IN_FAILED,
    @Description("退出登录 (signed out)")
    SIGN_OUT,
    @Description("修改本人密码 (changed their own password)")
    CHANGE_PASSWORD,
    @Description("管理员重置密码 (an admin reset the password)")
    RESET_PASSWORD;
}
