package cn.fucai.cms.common.change;

import java.util.Locale;

/** What a write wrote; {@link #wireName()} is how the audit log names it. */
public enum ContentKind {
    ARTICLE,
    PUBLISHER,
    SALES_FIGURE,
    FUND_FIGURE,
    INDICATOR_FIGURE,
    TOKEN,
    WEBHOOK,
    WEBHOOK_DELIVERY;

    /** The name spelled as on the wire: article, sales-figure. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
