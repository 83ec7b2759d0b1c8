package cn.fucai.cms.common.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL text built in pieces, each piece with the values of its own named binds ({@code :name}), so the two never
 * drift apart: for statements whose conditions depend on the request. Pieces are fixed text; input only ever arrives
 * as a bound value.
 */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final Map<String, Object> binds = new LinkedHashMap<>();

    public Sql(String text) {
        this.text.append(text);
    }

    public Sql append(String text) {
        this.text.append(text);
        return this;
    }

    /** Appends a piece that names one bind, {@code :name}, with its value. */
    public Sql append(String text, String name, Object value) {
        this.text.append(text);
        return bind(name, value);
    }

    /** Appends a condition naming one bind only when its value is set: a filter left out means "any". */
    public Sql appendIfSet(String text, String name, Object value) {
        return value == null ? this : append(text, name, value);
    }

    public Sql append(Sql other) {
        text.append(other.text);
        other.binds.forEach(this::bind);
        return this;
    }

    /** A value for {@code :name}; a name bound twice must be bound to the same value. */
    public Sql bind(String name, Object value) {
        if (binds.containsKey(name) && !Objects.deepEquals(binds.get(name), value)) {
            throw new IllegalArgumentException(":" + name + " is bound twice, to different values");
        }
        binds.put(name, value);
        return this;
    }

    public String text() {
        return text.toString();
    }

    public Map<String, Object> binds() {
        return Collections.unmodifiableMap(binds);
    }

    /** The query on this handle, with every bind applied. */
    public Query query(Handle handle) {
        return handle.createQuery(text()).bindMap(binds);
    }
}
