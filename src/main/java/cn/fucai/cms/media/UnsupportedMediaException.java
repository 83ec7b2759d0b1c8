package cn.fucai.cms.media;

import cn.fucai.cms.common.error.ApiException;
import cn.fucai.cms.common.error.ProblemType;

/** An upload whose bytes are not an image or PDF the library takes (415), with the reason. */
class UnsupportedMediaException extends ApiException {
    UnsupportedMediaException(String detail) {
        super(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail);
    }
}
