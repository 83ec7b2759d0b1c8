package cn.fucai.cms.common.error;

/** An If-Match precondition names a version that is no longer current (412); nothing was written. */
public class StaleVersionException extends ApiException {
    public StaleVersionException(String resource, Object key) {
        super(
                ProblemType.PRECONDITION_FAILED,
                resource + " " + key + " has changed since the ETag in If-Match was issued; read it again and retry");
    }
}
