package cn.fucai.cms.common.error;

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

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int limit() {
        return limit;
    }
}
