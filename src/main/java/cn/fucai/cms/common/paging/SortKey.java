package cn.fucai.cms.common.paging;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.sql.Sql;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A sort order of a keyset-paginated list: its name on the wire (`-publishedAt`), the SQL expression of its key,
 * its direction and the SQL type its cursor value is cast to. The id is always the tie-breaker.
 */
public interface SortKey {

    /** What a sort order is: its wire name, key expression, direction and the SQL type of its cursor value. */
    record Spec(String wireName, String keyExpression, boolean descending, String keyType) {}

    Spec spec();

    default String wireName() {
        return spec().wireName();
    }

    default String keyExpression() {
        return spec().keyExpression();
    }

    default boolean descending() {
        return spec().descending();
    }

    /** SQL type the cursor's key text is cast to: timestamptz, date or text. */
    default String keyType() {
        return spec().keyType();
    }

    /** The sort spelled {@code value} on the wire, or a 400 naming the sort parameter and listing the choices. */
    static <E extends Enum<E> & SortKey> E named(Class<E> type, String value) {
        E[] sorts = type.getEnumConstants();
        return Arrays.stream(sorts)
                .filter(s -> s.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "sort",
                        "must be one of "
                                + Arrays.stream(sorts).map(SortKey::wireName).collect(Collectors.joining(", "))
                                + "; was '" + value + "'"));
    }

    /**
     * The keyset condition after a cursor of (key, id): {@code and (key, id) < (:afterKey, :afterId)} for descending
     * orders, {@code >} otherwise; the key is cast from its cursor text.
     */
    default Sql after(String idColumn, Cursor cursor) {
        return new Sql(" and (" + keyExpression() + ", " + idColumn + ") " + (descending() ? "<" : ">")
                        + " (cast(:afterKey as " + keyType() + "), :afterId)")
                .bind("afterKey", cursor.keys().get(0))
                .bind("afterId", cursor.uuidKey(1));
    }

    /** The ORDER BY clause: key then id, in this order's direction. */
    default String orderBy(String idColumn) {
        String direction = descending() ? " desc" : " asc";
        return " order by " + keyExpression() + direction + ", " + idColumn + direction;
    }
}
