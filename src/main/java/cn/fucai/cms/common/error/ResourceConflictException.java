package cn.fucai.cms.common.error;

/** The write would break a uniqueness or reference rule (409). */
public class ResourceConflictException extends ApiException {
    public ResourceConflictException(String detail) {
        super(ProblemType.CONFLICT, detail);
    }
}
