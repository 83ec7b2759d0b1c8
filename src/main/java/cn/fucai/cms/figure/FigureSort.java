package cn.fucai.cms.figure;

import cn.fucai.cms.common.paging.SortKey;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Sort orders of figure lists: one key plus the figure id as tie-breaker, for keyset paging. */
@Schema(description = "Sort order of a figure list, `-` for descending", defaultValue = "-periodStart")
enum FigureSort implements SortKey {
    PERIOD_DESC(new Spec("-periodStart", "r.period_start", true, "date")),
    PERIOD(new Spec("periodStart", "r.period_start", false, "date")),
    UPDATED_DESC(new Spec("-updatedAt", "r.recorded_at", true, "timestamptz")),
    UPDATED(new Spec("updatedAt", "r.recorded_at", false, "timestamptz"));

    private final Spec spec;

    FigureSort(Spec spec) {
        this.spec = spec;
    }

    String keyOf(FigureRow row) {
        return this == PERIOD || this == PERIOD_DESC
                ? row.values().period().start().toString()
                : row.recordedAt().toString();
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
