package cn.fucai.cms.common.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/**
 * SQL text built in pieces, each piece with the values of its own named binds ({@code :name}), so the two never
 * drift apart: for statements whose conditions depend on the request. Pieces are fixed text; input only ever arrives
 * as a bound value. What is written out instead ({@link #limit}, {@link #literal}) is a number or an enum's name,
 * never a caller's text.
 */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final Map<String, Object> binds = new LinkedHashMap<>();
    private boolean plannedEachTime;

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

    /**
     * Appends {@code limit <rows>} written out, not bound. PostgreSQL plans a statement whose limit is bound as if it
     * returned a tenth of its rows, finds that plan dear and so plans every execution anew, which for a page of 20
     * costs as much as running it; with the limit written out, a prepared statement keeps one plan from its sixth
     * execution. That is right where no bound value should change the plan (an id, a cursor, a region whose index is in
     * page order); where one should, say so with {@link #plannedEachTime}.
     */
    public Sql limit(int rows) {
        text.append(" limit ").append(rows);
        return this;
    }

    /**
     * Has PostgreSQL plan each execution for its values, never keeping a plan: for a statement whose values decide the
     * plan, such as a tag, rare (best read through its GIN index) or common (best read in page order). The driver
     * then sends it unnamed, which PostgreSQL plans at every execution.
     */
    public Sql plannedEachTime() {
        plannedEachTime = true;
        return this;
    }

    /**
     * An enum's name as an SQL string literal, for a value that decides the plan among a few (a status: a rare one is
     * better read another way than a common one); written out, each value is a statement with a plan of its own. Enum
     * names are Java identifiers, so nothing needs escaping.
     */
    public static String literal(Enum<?> value) {
        return "'" + value.name() + "'";
    }

    public Sql append(Sql other) {
        text.append(other.text);
        other.binds.forEach(this::bind);
        plannedEachTime |= other.plannedEachTime;
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
        Query query = handle.createQuery(text());
        binds.forEach((name, value) -> query.bind(name, argument(value)));
        if (plannedEachTime) {
            query.addCustomizer(new StatementCustomizer() {
                @Override
                public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
                    statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                }
            });
        }
        return query;
    }

    /**
     * A text, an id, a number or a flag as the argument Jdbi would make of it, made here: Jdbi looks up an argument
     * factory for each value of each statement, which cost a computed list page 1 % of its CPU a value. Anything else
     * (arrays, instants, JSON, null) is left to Jdbi's factories.
     */
    private static Object argument(Object value) {
        if (value instanceof String text) {
            return (Argument) (position, statement, context) -> statement.setString(position, text);
        }
        if (value instanceof UUID id) {
            return (Argument) (position, statement, context) -> statement.setObject(position, id);
        }
        if (value instanceof Integer number) {
            return (Argument) (position, statement, context) -> statement.setInt(position, number);
        }
        if (value instanceof Long number) {
            return (Argument) (position, statement, context) -> statement.setLong(position, number);
        }
        if (value instanceof Boolean flag) {
            return (Argument) (position, statement, context) -> statement.setBoolean(position, flag);
        }
        return value;
    }
}
