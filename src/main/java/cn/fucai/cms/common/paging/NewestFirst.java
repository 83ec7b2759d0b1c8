package cn.fucai.cms.common.paging;

import cn.fucai.cms.common.sql.Sql;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A list that always runs newest first by (time, id), such as the audit log and a webhook's deliveries: the condition
 * after a cursor, the order and one row more than a page, and the cursor after a page's last row.
 */
public final class NewestFirst {

    private NewestFirst() {}

    /** Appends the keyset condition (when there is a cursor), the order and the limit of {@code limit + 1} rows. */
    public static Sql page(Sql sql, String time, String id, Cursor after, int limit) {
        if (after != null) {
            sql.append(" and (" + time + ", " + id + ") < (:afterTime, :afterId)")
                    .bind("afterTime", after.instantKey(0))
                    .bind("afterId", after.uuidKey(1));
        }
        return sql.append(" order by " + time + " desc, " + id + " desc limit :rows", "rows", limit + 1);
    }

    /** The cursor after a row with this time and id. */
    public static String cursorAfter(String fingerprint, Instant time, UUID id) {
        return new Cursor(fingerprint, List.of(time.toString(), id.toString())).encode();
    }
}
