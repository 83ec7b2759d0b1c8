package cn.fucai.cms.common.error;

/** The named resource does not exist (404). */
public class ResourceNotFoundException extends ApiException {
    public ResourceNotFoundException(String resource, Object key) {
        super(ProblemType.NOT_FOUND, "no " + resource + " " + key);
    }
}
