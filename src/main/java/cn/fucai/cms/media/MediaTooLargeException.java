package cn.fucai.cms.media;

import cn.fucai.cms.common.error.ApiException;
import cn.fucai.cms.common.error.ProblemType;

/** An upload over a limit of the library: bytes, pixels or pages (413), named in the detail. */
class MediaTooLargeException extends ApiException {
    MediaTooLargeException(String detail) {
        super(ProblemType.PAYLOAD_TOO_LARGE, detail);
    }
}
