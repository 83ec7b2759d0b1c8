package cn.fucai.cms.figure;

import cn.fucai.cms.common.change.ContentKind;

/** What a figure measures: lottery sales, a public-welfare fund flow, or another indicator (stations, counts). */
public enum FigureKind {
    sales,
    fund,
    indicator;

    /** How a change to a figure of this kind is named: sales-figure, fund-figure, indicator-figure. */
    ContentKind contentKind() {
        return switch (this) {
            case sales -> ContentKind.SALES_FIGURE;
            case fund -> ContentKind.FUND_FIGURE;
            case indicator -> ContentKind.INDICATOR_FIGURE;
        };
    }
}
