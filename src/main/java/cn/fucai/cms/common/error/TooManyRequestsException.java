package cn.fucai.cms.common.error;

import java.util.LinkedHashMap;
import java.util.Map;

/** The caller spent its request budget for this window (429); {@code retryAfterSeconds} says when to come back. */
public class TooManyRequestsException extends ApiException {

    private final long retryAfterSeconds;
    private final int limit;

    public TooManyRequestsException(int limit, long retryAfterSeconds, String what) {
        super(
                ProblemType.TOO_MANY_REQUESTS,
                "more than " + limit + " " + what + " per minute; retry in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
        this.limit = limit;
    }

    @Override
    public Map<String, Object> headers() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Retry-After", retryAfterSeconds);
        headers.put("RateLimit-Limit", limit);
        headers.put("RateLimit-Remaining", 0);
        headers.put("RateLimit-Reset", retryAfterSeconds);
        return headers;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int limit() {
        return limit;
    }
}
