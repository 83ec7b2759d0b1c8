package cn.fucai.cms.common.error;

import java.util.List;
import java.util.Map;

/** A domain failure that maps to one problem type; services throw subclasses, never HTTP responses. */
public abstract class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldViolation> violations;

    protected ApiException(ProblemType type, String detail, List<Problem.FieldViolation> violations) {
        super(detail, null, false, false);
        this.type = type;
        this.violations = List.copyOf(violations);
    }

    protected ApiException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldViolation> violations() {
        return violations;
    }

    /** Headers the problem answer carries besides its body (Retry-After, Content-Range). */
    public Map<String, Object> headers() {
        return Map.of();
    }
}
