package cn.fucai.cms.security;

import cn.fucai.cms.common.change.ChangeAction;
import cn.fucai.cms.common.change.ContentChanged;
import cn.fucai.cms.common.change.ContentKind;
import cn.fucai.cms.common.http.WireEnum;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.NewestFirst;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.sql.Database;
import cn.fucai.cms.common.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.id.uuid.UuidVersion7Strategy;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Records every write ({@link ContentChanged}) in the transaction of the write itself: if the write rolls back, so
 * does its record, and a refused request leaves none. The table refuses updates and deletes.
 */
@ApplicationScoped
public class AuditLog {

    private static final String INSERT = """
            insert into audit_event (id, occurred_at, token_id, account_id, token_name, client_address, action,
                resource_type, resource_id, publisher_id, before_state, after_state)
            values (:id, :occurred_at, :token_id, :account_id, :token_name, :client_address, :action, :resource_type,
                :resource_id, :publisher_id, :before_state, :after_state)""";

    @Inject
    Jdbi jdbi;

    @Inject
    AccessPolicy access;

    /** Filters of the audit list; null means any. */
    public record Filter(
            ContentKind resourceType, String resourceId, ChangeAction action, UUID tokenId, UUID accountId) {}

    /** Events newest first; an editor sees only its publishers' events. */
    public Page<AuditEvent> list(Filter filter, String cursorParam, int limit) {
        Caller caller = access.caller();
        String fingerprint = Cursor.fingerprint("-occurredAt", filter);
        Cursor cursor = Cursor.decode(cursorParam, fingerprint, 2);
        Sql sql = new Sql("""
                select id, occurred_at, token_id, account_id, token_name, client_address, action, resource_type,
                       resource_id,
                       publisher_id, before_state as before, after_state as after
                from audit_event where true""");
        if (caller.publishers() != null) {
            sql.append(
                    " and publisher_id = any(:publishers)",
                    "publishers",
                    caller.publishers().toArray(UUID[]::new));
        }
        sql.appendIfSet(" and resource_type = :resourceType", "resourceType", wireName(filter.resourceType()));
        sql.appendIfSet(" and resource_id = :resourceId", "resourceId", filter.resourceId());
        sql.appendIfSet(" and action = :action", "action", wireName(filter.action()));
        sql.appendIfSet(" and token_id = :tokenId", "tokenId", filter.tokenId());
        sql.appendIfSet(" and account_id = :accountId", "accountId", filter.accountId());
        NewestFirst.page(sql, "occurred_at", "id", cursor, limit);
        List<AuditEvent> rows = jdbi.withHandle(handle ->
                sql.query(handle).map(ConstructorMapper.of(AuditEvent.class)).list());
        return Page.fromLookahead(
                rows, limit, last -> NewestFirst.cursorAfter(fingerprint, last.occurredAt(), last.id()));
    }

    /** Records every resource a write wrote, in the write's transaction; a batch is one statement batch. */
    void onChange(@Observes ContentChanged change) {
        Caller caller = access.caller();
        jdbi.useHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch(INSERT);
            for (ContentChanged.Written written : change.written()) {
                batch.bindMap(event(
                                caller,
                                change.action().wireName(),
                                change.kind().wireName(),
                                written.id(),
                                written.publisherId(),
                                written.before(),
                                written.after(),
                                change.at()))
                        .add();
            }
            batch.execute();
        });
    }

    /** The binds of {@link #INSERT}, by column name. */
    private Map<String, Object> event(
            Caller caller,
            String action,
            String resourceType,
            Object resourceId,
            UUID publisherId,
            Object before,
            Object after,
            Instant at) {
        Map<String, Object> binds = new HashMap<>();
        binds.put("id", UuidVersion7Strategy.INSTANCE.generateUuid(null));
        binds.put("occurred_at", at);
        binds.put("token_id", caller.tokenId());
        binds.put("account_id", caller.accountId());
        binds.put("token_name", caller.name());
        binds.put("client_address", caller.address());
        binds.put("action", action);
        binds.put("resource_type", resourceType);
        binds.put("resource_id", resourceId.toString());
        binds.put("publisher_id", publisherId);
        binds.put("before_state", Database.jsonb(before));
        binds.put("after_state", Database.jsonb(after));
        return binds;
    }

    private static String wireName(WireEnum value) {
        return value == null ? null : value.wireName();
    }
}
