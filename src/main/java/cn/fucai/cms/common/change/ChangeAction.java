package cn.fucai.cms.common.change;

import java.util.Locale;

/** What a write did; {@link #wireName()} is how the audit log spells it. */
public enum ChangeAction {
    CREATE,
    UPDATE,
    DELETE,
    /** A figure's new revision with corrected values. */
    CORRECT,
    /** A figure withdrawn by a new revision; its values stay readable. */
    RETRACT,
    /** An API token that no longer works. */
    REVOKE,
    /** A webhook's new signing secret. */
    ROTATE_SECRET,
    /** A webhook delivery sent again. */
    REDELIVER;

    /** The name spelled as on the wire: create, rotate-secret. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
