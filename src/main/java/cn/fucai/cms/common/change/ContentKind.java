package cn.fucai.cms.common.change;

import cn.fucai.cms.common.http.WireEnum;
import cn.fucai.cms.common.http.WireEnum.Description;

/** What a write wrote; {@link #wireName()} is how the audit log names it. */
public enum ContentKind implements WireEnum {
    @Description("文章 (an article)")
    ARTICLE,
    @Description("发布机构 (a publisher)")
    PUBLISHER,
    @Description("销量数据 (a sales figure)")
    SALES_FIGURE,
    @Description("公益金数据 (a public-welfare fund figure)")
    FUND_FIGURE,
    @Description("其他指标数据 (an indicator figure)")
    INDICATOR_FIGURE,
    @Description("API 令牌 (an API token)")
    TOKEN,
    @Description("Webhook 订阅 (a webhook subscription)")
    WEBHOOK,
    @Description("Webhook 投递 (a webhook delivery)")
    WEBHOOK_DELIVERY,
    @Description("媒体文件：图片或 PDF (an image or PDF of the media library)")
    MEDIA,
    @Description("账户 (a person's account)")
    ACCOUNT,
    @Description("登录会话 (a signed-in session, or an attempt to sign in)")
    SESSION;
}
