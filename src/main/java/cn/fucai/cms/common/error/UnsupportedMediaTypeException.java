package cn.fucai.cms.common.error;

/** A body the service does not take (415), with the reason: an upload that is no image or PDF, an unknown charset. */
public class UnsupportedMediaTypeException extends ApiException {
    public UnsupportedMediaTypeException(String detail) {
        super(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail);
    }
}
