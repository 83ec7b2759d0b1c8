package cn.fucai.cms.common.validation;

/** Regular expressions that request records of several features validate with. */
public final class Patterns {

    /** Lowercase ASCII letters and digits in groups joined by single hyphens: "wenzhou-fucai". */
    public static final String SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$";

    public static final String SLUG_MESSAGE = "must be lowercase letters, digits and single hyphens";

    /** An absolute http or https URL; javascript:, data: and relative URLs do not match. */
    public static final String HTTP_URL = "^https?://[^\\s/$.?#][^\\s]*$";

    public static final String HTTP_URL_MESSAGE = "must be an http or https URL";

    /** A GB/T 2260 region code. */
    public static final String REGION_CODE = "^[0-9]{6}$";

    public static final String REGION_CODE_MESSAGE = "must be a six-digit GB/T 2260 code";

    private Patterns() {}
}
