package cn.fucai.cms.common.error;

/** The request body is larger than the configured limit (413); nothing was read into the service. */
public class PayloadTooLargeException extends ApiException {
    public PayloadTooLargeException(long limit) {
        super(ProblemType.PAYLOAD_TOO_LARGE, "the request body is larger than " + limit + " bytes");
    }
}
