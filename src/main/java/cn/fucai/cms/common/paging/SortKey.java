package cn.fucai.cms.common.paging;

import cn.fucai.cms.common.http.WireEnum;
import cn.fucai.cms.common.sql.Sql;

/**
 * A sort order of a keyset-paginated list: its name on the wire (`-publishedAt`), the SQL expression of its key,
 * its direction and the SQL type its cursor value is cast to. The id is always the tie-breaker.
 */
public interface SortKey extends WireEnum {

    /** What a sort order is: its wire name, key expression, direction and the SQL type of its cursor value. */
    record Spec(String wireName, String keyExpression, boolean descending, String keyType) {}

    Spec spec();

    @Override
    default String wireName() {
        return spec().wireName();
    }

    /** 按 publishedAt 降序 (by publishedAt, descending). */
    @Override
    default String description() {
        String key = descending() ? wireName().substring(1) : wireName();
        return "按 " + key + (descending() ? " 降序" : " 升序") + " (by " + key
                + (descending() ? ", descending)" : ", ascending)");
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

    /**
     * The keyset condition after a cursor of (key, id): {@code and (key, id) < (:afterKey, :afterId)} for descending
     * orders, {@code >} otherwise; the key is cast from its cursor text.
     */
    default Sql after(String idColumn, Cursor cursor) {
        return after(keyExpression(), idColumn, cursor);
    }

    /** The keyset condition on a key expression of the same value and type as this order's, e.g. a derived table's. */
    default Sql after(String keyExpression, String idColumn, Cursor cursor) {
        return keyset(keyExpression, idColumn, "(cast(:afterKey as %s), :afterId)", cursor);
    }

    /**
     * The keyset condition for a statement that keeps one plan for every cursor: the cursor's values are read in a
     * sub-select, which PostgreSQL prices alike whatever they are, so that it keeps its generic plan. With the values
     * in view, a key with statistics (updated_at, title) is priced by where the cursor stands, each plan made for its
     * values looks cheaper than the generic one, and every page was planned again: 0.3-0.4 ms of planning for a page
     * read in 0.2 ms.
     */
    default Sql afterInKeptPlan(String keyExpression, String idColumn, Cursor cursor) {
        return keyset(keyExpression, idColumn, "(select cast(:afterKey as %s), :afterId)", cursor);
    }

    private Sql keyset(String keyExpression, String idColumn, String values, Cursor cursor) {
        return new Sql(" and (" + keyExpression + ", " + idColumn + ") " + (descending() ? "<" : ">") + " "
                        + values.formatted(keyType()))
                .bind("afterKey", cursor.keys().get(0))
                .bind("afterId", cursor.uuidKey(1));
    }

    /** The ORDER BY clause: key then id, in this order's direction. */
    default String orderBy(String idColumn) {
        return orderBy(keyExpression(), idColumn);
    }

    /** The ORDER BY clause on a key expression of the same value as this order's. */
    default String orderBy(String keyExpression, String idColumn) {
        String direction = descending() ? " desc" : " asc";
        return " order by " + keyExpression + direction + ", " + idColumn + direction;
    }
}
