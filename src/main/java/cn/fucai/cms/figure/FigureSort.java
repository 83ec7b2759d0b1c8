package cn.fucai.cms.figure;

import cn.fucai.cms.common.error.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Sort orders of figure lists: one key plus the figure id as tie-breaker, for keyset paging. */
enum FigureSort {
    PERIOD_DESC("-periodStart", "r.period_start", true, "date"),
    PERIOD("periodStart", "r.period_start", false, "date"),
    UPDATED_DESC("-updatedAt", "r.recorded_at", true, "timestamptz"),
    UPDATED("updatedAt", "r.recorded_at", false, "timestamptz");

    final String wireName;
    final String keyExpression;
    final boolean descending;
    final String keyType;

    FigureSort(String wireName, String keyExpression, boolean descending, String keyType) {
        this.wireName = wireName;
        this.keyExpression = keyExpression;
        this.descending = descending;
        this.keyType = keyType;
    }

    static FigureSort parse(String value) {
        if (value == null || value.isBlank()) {
            return PERIOD_DESC;
        }
        return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInputException("sort", "must be one of "
                        + Arrays.stream(values()).map(s -> s.wireName).collect(Collectors.joining(", ")) + "; was '" + value + "'"));
    }

    String keyOf(FigureRow row) {
        return this == PERIOD || this == PERIOD_DESC ? row.values().period().start().toString() : row.recordedAt().toString();
    }
}
