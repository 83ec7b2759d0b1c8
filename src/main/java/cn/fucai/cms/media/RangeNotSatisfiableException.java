package cn.fucai.cms.media;

import cn.fucai.cms.common.error.ApiException;
import cn.fucai.cms.common.error.ProblemType;
import java.util.Map;

/** A byte range that starts past the end of the content (416), answered with the content's size. */
class RangeNotSatisfiableException extends ApiException {

    private final long size;

    RangeNotSatisfiableException(long size) {
        super(ProblemType.RANGE_NOT_SATISFIABLE, "the range lies outside the " + size + " bytes of the content");
        this.size = size;
    }

    @Override
    public Map<String, Object> headers() {
        return Map.of("Content-Range", "bytes */" + size);
    }
}
