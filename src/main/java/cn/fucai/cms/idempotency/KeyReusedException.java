package cn.fucai.cms.idempotency;

import cn.fucai.cms.common.error.ApiException;
import cn.fucai.cms.common.error.ProblemType;
import cn.fucai.cms.common.http.Idempotent;

/** An Idempotency-Key already answered a different request (422): nothing is written. */
class KeyReusedException extends ApiException {
    KeyReusedException(String key) {
        super(
                ProblemType.IDEMPOTENCY_KEY_REUSED,
                Idempotent.KEY + " '" + key
                        + "' was used for a different request (method, target or body); use a new key for a new"
                        + " request");
    }
}
