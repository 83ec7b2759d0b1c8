package cn.fucai.cms.figure;

/** What a figure measures: lottery sales, a public-welfare fund flow, or another indicator (stations, counts). */
public enum FigureKind {
    sales,
    fund,
    indicator
}
