package cn.fucai.cms.common.change;

/** What a write wrote; {@link #wireName()} is how the audit log names it. */
public enum ContentKind {
    ARTICLE("article"),
    PUBLISHER("publisher"),
    SALES_FIGURE("sales-figure"),
    FUND_FIGURE("fund-figure"),
    INDICATOR_FIGURE("indicator-figure"),
    TOKEN("token"),
    WEBHOOK("webhook"),
    WEBHOOK_DELIVERY("webhook-delivery");

    private final String wireName;

    ContentKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
