package cn.fucai.cms.idempotency;

import cn.fucai.cms.common.error.ApiException;
import cn.fucai.cms.common.error.ProblemType;
import cn.fucai.cms.common.http.Idempotent;
import java.util.Map;

/** A request with the same Idempotency-Key is still running (409): send this one again in a moment. */
class RequestInFlightException extends ApiException {
    RequestInFlightException(String key) {
        super(
                ProblemType.CONFLICT,
                "a request with " + Idempotent.KEY + " '" + key + "' is still running; send it again after Retry-After"
                        + " seconds to get its answer");
    }

    @Override
    public Map<String, Object> headers() {
        return Map.of("Retry-After", "1");
    }
}
