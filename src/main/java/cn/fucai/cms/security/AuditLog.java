package cn.fucai.cms.security;

import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.sql.Jdbc;
import cn.fucai.cms.common.time.Timestamps;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.id.uuid.UuidVersion7Strategy;

/**
 * Records every write in the transaction of the write itself: if the write rolls back, so does its record, and a
 * refused request leaves none. The table refuses updates and deletes.
 */
@ApplicationScoped
public class AuditLog {

    private static final String INSERT = """
            insert into audit_event (id, occurred_at, token_id, token_name, client_address, action, resource_type,
                resource_id, publisher_id, before_state, after_state)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""";

    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final AccessPolicy access;

    AuditLog(Jdbc jdbc, ObjectMapper json, Clock clock, AccessPolicy access) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.access = access;
    }

    /** Filters of the audit list; null means any. */
    public record Filter(String resourceType, String resourceId, String action, UUID tokenId) {}

    /** Events newest first; an editor sees only its publishers' events. */
    public Page<AuditEvent> list(Filter filter, String cursorParam, int limit) {
        Caller caller = access.caller();
        String fingerprint = Cursor.fingerprint("-occurredAt", filter);
        Cursor cursor = Cursor.decode(cursorParam, fingerprint, 2);
        StringBuilder sql = new StringBuilder("""
                select id, occurred_at, token_id, token_name, client_address, action, resource_type, resource_id,
                       publisher_id, before_state::text, after_state::text
                from audit_event where true""");
        List<Object> params = new ArrayList<>();
        if (caller.publishers() != null) {
            sql.append(" and publisher_id = any(?)");
            params.add(caller.publishers().toArray(UUID[]::new));
        }
        appendIf(sql, params, " and resource_type = ?", filter.resourceType());
        appendIf(sql, params, " and resource_id = ?", filter.resourceId());
        appendIf(sql, params, " and action = ?", filter.action());
        appendIf(sql, params, " and token_id = ?", filter.tokenId());
        if (cursor != null) {
            sql.append(" and (occurred_at, id) < (?, ?)");
            params.add(cursor.instantKey(0).atOffset(ZoneOffset.UTC));
            params.add(cursor.uuidKey(1));
        }
        sql.append(" order by occurred_at desc, id desc limit ?");
        params.add(limit + 1);
        List<AuditEvent> rows = jdbc.list(sql.toString(), this::event, params.toArray());
        return Page.fromLookahead(
                rows,
                limit,
                last -> new Cursor(
                                fingerprint,
                                List.of(last.occurredAt().toString(), last.id().toString()))
                        .encode());
    }

    private static void appendIf(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            params.add(value);
        }
    }

    private AuditEvent event(ResultSet rs) throws SQLException {
        return new AuditEvent(
                rs.getObject(1, UUID.class),
                rs.getObject(2, OffsetDateTime.class).toInstant(),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getObject(9, UUID.class),
                tree(rs.getString(10)),
                tree(rs.getString(11)));
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit state is not JSON", e);
        }
    }

    /** One write: who, what (action, resource, id, publisher), and the state before and after (null when none). */
    public void record(
            Caller caller,
            String action,
            String resourceType,
            Object resourceId,
            UUID publisherId,
            Object before,
            Object after) {
        jdbc.update(
                INSERT,
                UuidVersion7Strategy.INSTANCE.generateUuid(null),
                Timestamps.now(clock).atOffset(ZoneOffset.UTC),
                caller.tokenId(),
                caller.name(),
                caller.address(),
                action,
                resourceType,
                resourceId.toString(),
                publisherId,
                toJson(before),
                toJson(after));
    }

    /** One entry of {@link #recordAll}: the resource written and its state after the write. */
    public record Written(Object resourceId, UUID publisherId, Object after) {}

    /** Many creations at once (a batch import), as one JDBC batch: each still gets its own audit event. */
    public void recordAll(Caller caller, String action, String resourceType, List<Written> written) {
        OffsetDateTime now = Timestamps.now(clock).atOffset(ZoneOffset.UTC);
        jdbc.withConnection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Written entry : written) {
                    Jdbc.bind(
                            insert,
                            UuidVersion7Strategy.INSTANCE.generateUuid(null),
                            now,
                            caller.tokenId(),
                            caller.name(),
                            caller.address(),
                            action,
                            resourceType,
                            entry.resourceId().toString(),
                            entry.publisherId(),
                            null,
                            toJson(entry.after()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    private String toJson(Object state) {
        if (state == null) {
            return null;
        }
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit state is not serialisable", e);
        }
    }
}
