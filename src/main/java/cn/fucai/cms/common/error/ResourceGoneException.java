package cn.fucai.cms.common.error;

/** The resource existed and was deleted; its tombstone remains (410). */
public class ResourceGoneException extends ApiException {
    public ResourceGoneException(String resource, Object key) {
        super(ProblemType.GONE, resource + " " + key + " was deleted");
    }
}
