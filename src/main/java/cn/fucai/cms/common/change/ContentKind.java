package cn.fucai.cms.common.change;

import cn.fucai.cms.common.http.WireEnum;
import java.util.Locale;

/** What a write wrote; {@link #wireName()} is how the audit log names it. */
public enum ContentKind implements WireEnum {
    ARTICLE("文章 (an article)"),
    PUBLISHER("发布机构 (a publisher)"),
    SALES_FIGURE("销量数据 (a sales figure)"),
    FUND_FIGURE("公益金数据 (a public-welfare fund figure)"),
    INDICATOR_FIGURE("其他指标数据 (an indicator figure)"),
    TOKEN("API 令牌 (an API token)"),
    WEBHOOK("Webhook 订阅 (a webhook subscription)"),
    WEBHOOK_DELIVERY("Webhook 投递 (a webhook delivery)"),
    MEDIA("媒体文件：图片或 PDF (an image or PDF of the media library)");

    private final String description;

    ContentKind(String description) {
        this.description = description;
    }

    /** The name spelled as on the wire: article, sales-figure. */
    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String description() {
        return description;
    }
}
