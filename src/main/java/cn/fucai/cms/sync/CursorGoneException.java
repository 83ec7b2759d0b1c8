package cn.fucai.cms.sync;

import cn.fucai.cms.common.error.ApiException;
import cn.fucai.cms.common.error.ProblemType;

/** A sync cursor that was forged, damaged, issued for another query, or has outlived the retention window (410). */
class CursorGoneException extends ApiException {
    CursorGoneException(String why) {
        super(
                ProblemType.CURSOR_GONE,
                "the sync cursor " + why + "; start again from a snapshot: ask without a cursor");
    }
}
