package cn.fucai.cms.common.error;

import java.util.List;

/** Input that passed bean validation but breaks a rule only the service can check (400). */
public class InvalidInputException extends ApiException {

    public InvalidInputException(List<Problem.FieldViolation> violations) {
        super(ProblemType.VALIDATION_FAILED, describe(violations), violations);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new Problem.FieldViolation(field, message)));
    }

    /** A value as a message quotes it: in single quotes, at most its first 40 characters. */
    public static String quoted(String value) {
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }

    private static String describe(List<Problem.FieldViolation> violations) {
        return violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are invalid";
    }
}
