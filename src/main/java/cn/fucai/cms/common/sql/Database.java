package cn.fucai.cms.common.sql;

import cn.fucai.cms.common.replica.ReadRouting;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericType;
import org.jdbi.v3.core.statement.NoTemplateEngine;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.postgresql.util.PGobject;

/**
 * The one way to hand-written SQL: Jdbi over the pool, with named binds and rows read by column name. A handle takes
 * its connection from the pool, so inside a transaction it works on the transaction's connection and leaves ending it
 * to the transaction; an anonymous read outside any transaction may get a replica's ({@link ReadRouting}). Panache
 * keeps the aggregates that are written as entities.
 * <p>
 * Shared shapes are mapped here once: an {@link Instant} is a timestamptz read and written in UTC, a text array is a
 * {@code List<String>} (empty when NULL), a json column a {@code JsonNode}, and a {@link Jsonb} is bound as jsonb.
 * Every statement is counted for {@link StatementCount}. Row mappers read columns by name, through a {@code RowView}
 * or, on the paths that read thousands of rows, from the ResultSet with {@link #instant} and {@link #strings} (a
 * RowView lookup per column cost the article list a fifth of its CPU).
 */
@ApplicationScoped
public class Database {

    /** A value bound as jsonb, written by the service's ObjectMapper: {@code .bind("payload", Database.jsonb(map))}. */
    public record Jsonb(Object value) {}

    /** {@code value} to bind as jsonb; null binds SQL NULL. */
    public static Jsonb jsonb(Object value) {
        return value == null ? null : new Jsonb(value);
    }

    /** A text or varchar array column, read as a list. */
    public static final GenericType<List<String>> STRINGS = new GenericType<>() {};

    @Produces
    @Singleton
    Jdbi jdbi(ReadRouting connections, ObjectMapper json) {
        Jdbi jdbi = Jdbi.create(connections).installPlugin(new QuietPostgresPlugin());
        // A JTA transaction owns the connection's commit: closing a handle inside one must not end it.
        jdbi.configure(Handles.class, handles -> handles.setForceEndTransactions(false));
        // SQL text is never templated: dynamic SQL is built from fixed pieces with named binds (Sql).
        jdbi.setTemplateEngine(new NoTemplateEngine());
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                StatementCount.increment();
            }

            @Override
            public void logAfterExecution(StatementContext context) {
                connections.statementReturned();
            }
        });
        // a read whose replica connection broke before anything came back is read again on the primary
        jdbi.setHandleCallbackDecorator(connections.retryOnPrimary(jdbi));
        jdbi.registerArgument(new InstantArgument());
        jdbi.registerArgument(new JsonbArgument(json));
        jdbi.registerColumnMapper(Instant.class, (rs, column, context) -> {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        });
        jdbi.registerColumnMapper(STRINGS, (rs, column, context) -> strings(rs.getArray(column)));
        jdbi.registerColumnMapper(JsonNode.class, (rs, column, context) -> tree(json, rs.getString(column)));
        return jdbi;
    }

    /**
     * Jdbi's PostgreSQL plugin without what it does to every handle: it asks the driver for its large-object API, which
     * reads the catalog on each new connection, inside the caller's transaction when a handle opens there first (and a
     * transaction that must begin with SET TRANSACTION, as a figure summary's does, then fails); and it registers
     * custom types, of which there are none. Neither is used here.
     */
    static final class QuietPostgresPlugin extends PostgresPlugin {

        @Override
        public Handle customizeHandle(Handle handle) {
            return handle;
        }
    }

    /** A json or jsonb column (read as text) as a tree; null stays null. */
    private static JsonNode tree(ObjectMapper json, String text) throws SQLException {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("a json column holds no JSON", e);
        }
    }

    /** A timestamptz column as an instant; null stays null. For row mappers on hot paths, which read the row directly. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A text array column as a list; NULL is empty. */
    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        return strings(rs.getArray(column));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Collections.unmodifiableList(Arrays.asList((String[]) array.getArray()));
    }

    /** Binds a {@link Jsonb} as a jsonb parameter. */
    private static final class JsonbArgument extends AbstractArgumentFactory<Jsonb> {

        private final ObjectMapper json;

        JsonbArgument(ObjectMapper json) {
            super(Types.OTHER);
            this.json = json;
        }

        @Override
        protected Argument build(Jsonb value, ConfigRegistry config) {
            return (position, statement, context) -> {
                PGobject jsonb = new PGobject();
                jsonb.setType("jsonb");
                try {
                    jsonb.setValue(json.writeValueAsString(value.value()));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("a value bound as jsonb cannot be written as JSON", e);
                }
                statement.setObject(position, jsonb);
            };
        }
    }

    /** Binds an instant as timestamptz in UTC, whatever the JVM's time zone. */
    private static final class InstantArgument extends AbstractArgumentFactory<Instant> {

        InstantArgument() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, context) -> statement.setObject(position, value.atOffset(ZoneOffset.UTC));
        }
    }
}
