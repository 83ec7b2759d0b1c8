package cn.fucai.cms.security;

import cn.fucai.cms.common.error.ApiException;
import cn.fucai.cms.common.error.ProblemType;

/** The caller is known but may not do this (403). */
public class AccessDeniedException extends ApiException {
    public AccessDeniedException(String detail) {
        super(ProblemType.FORBIDDEN, detail);
    }
}
