package cn.fucai.cms.figure;

import cn.fucai.cms.common.paging.SortKey;

/** Sort orders of figure lists: one key plus the figure id as tie-breaker, for keyset paging. */
enum FigureSort implements SortKey {
    PERIOD_DESC("-periodStart", "r.period_start", true, "date"),
    PERIOD("periodStart", "r.period_start", false, "date"),
    UPDATED_DESC("-updatedAt", "r.recorded_at", true, "timestamptz"),
    UPDATED("updatedAt", "r.recorded_at", false, "timestamptz");

    private final String wireName;
    private final String keyExpression;
    private final boolean descending;
    private final String keyType;

    FigureSort(String wireName, String keyExpression, boolean descending, String keyType) {
        this.wireName = wireName;
        this.keyExpression = keyExpression;
        this.descending = descending;
        this.keyType = keyType;
    }

    static FigureSort parse(String value) {
        return SortKey.parse(FigureSort.class, value, PERIOD_DESC);
    }

    String keyOf(FigureRow row) {
        return this == PERIOD || this == PERIOD_DESC ? row.values().period().start().toString() : row.recordedAt().toString();
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public String keyExpression() {
        return keyExpression;
    }

    @Override
    public boolean descending() {
        return descending;
    }

    @Override
    public String keyType() {
        return keyType;
    }
}
