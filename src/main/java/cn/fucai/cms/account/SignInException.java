package cn.fucai.cms.account;

import cn.fucai.cms.common.error.ApiException;
import cn.fucai.cms.common.error.ProblemType;
import java.time.Duration;
import java.util.Map;

/** A refused sign-in: one answer for a wrong login, a wrong password and a disabled account, or wait and retry. */
abstract sealed class SignInException extends ApiException {

    SignInException(ProblemType type, String detail) {
        super(type, detail);
    }

    /** 401: nothing says which of the login name and the password was wrong. */
    static final class Failed extends SignInException {
        Failed() {
            super(ProblemType.SIGN_IN_FAILED, "the login name or password is wrong, or the account is disabled");
        }
    }

    /** 429 with Retry-After: the attempt was not checked. */
    static final class Throttled extends SignInException {

        private final long seconds;

        Throttled(Duration wait) {
            this(Math.max(1, (wait.toMillis() + 999) / 1000));
        }

        private Throttled(long seconds) {
            super(ProblemType.TOO_MANY_REQUESTS, "too many failed sign-ins; try again in " + seconds + " s");
            this.seconds = seconds;
        }

        @Override
        public Map<String, Object> headers() {
            return Map.of("Retry-After", seconds);
        }
    }
}
