package cn.fucai.cms.common.change;

/** What a write did; {@link #wireName()} is how the audit log spells it. */
public enum ChangeAction {
    CREATE("create"),
    UPDATE("update"),
    DELETE("delete"),
    /** A figure's new revision with corrected values. */
    CORRECT("correct"),
    /** A figure withdrawn by a new revision; its values stay readable. */
    RETRACT("retract"),
    /** An API token that no longer works. */
    REVOKE("revoke"),
    /** A webhook's new signing secret. */
    ROTATE_SECRET("rotate-secret"),
    /** A webhook delivery sent again. */
    REDELIVER("redeliver");

    private final String wireName;

    ChangeAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
