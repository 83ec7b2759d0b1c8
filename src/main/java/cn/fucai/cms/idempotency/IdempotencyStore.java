package cn.fucai.cms.idempotency;

import cn.fucai.cms.common.sql.Database;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Kept answers in SQL; handles join the caller's transaction. */
@ApplicationScoped
class IdempotencyStore {

    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {};

    private final Jdbi jdbi;
    private final ObjectMapper json;

    IdempotencyStore(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /**
     * Takes the key for this transaction unless another transaction holds it (a request with the same key still
     * running): an advisory lock, so that the second request is told at once instead of waiting.
     */
    boolean tryLock(String scope, String key) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select pg_try_advisory_xact_lock(hashtextextended(:scope || chr(31) || :key, 0))")
                .bind("scope", scope)
                .bind("key", key)
                .mapTo(Boolean.class)
                .one());
    }

    /** The answer kept with the key, unless it expired by {@code now}. */
    Optional<KeptAnswer> find(String scope, String key, Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select fingerprint, status, headers::text as headers, body from idempotency_key
                        where scope = :scope and key = :key and expires_at > :now""")
                .bind("scope", scope)
                .bind("key", key)
                .bind("now", now)
                .map((rs, context) -> new KeptAnswer(
                        rs.getString("fingerprint"),
                        rs.getInt("status"),
                        headers(rs.getString("headers")),
                        rs.getBytes("body")))
                .findFirst());
    }

    /** Keeps the answer with the key until {@code expiresAt}, replacing an expired one. */
    void keep(String scope, String key, KeptAnswer answer, Instant now, Instant expiresAt) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into idempotency_key (scope, key, fingerprint, status, headers, body, created_at, expires_at)
                        values (:scope, :key, :fingerprint, :status, :headers, :body, :now, :expires)
                        on conflict (scope, key) do update set fingerprint = excluded.fingerprint,
                            status = excluded.status, headers = excluded.headers, body = excluded.body,
                            created_at = excluded.created_at, expires_at = excluded.expires_at""")
                .bind("scope", scope)
                .bind("key", key)
                .bind("fingerprint", answer.fingerprint())
                .bind("status", answer.status())
                .bind("headers", Database.jsonb(answer.headers()))
                .bind("body", answer.body())
                .bind("now", now)
                .bind("expires", expiresAt)
                .execute());
    }

    /** Drops the answers that expired, once an hour: a lookup ignores them anyway. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dropExpired() {
        jdbi.useHandle(handle -> handle.execute("delete from idempotency_key where expires_at < now()"));
    }

    private Map<String, List<String>> headers(String text) {
        try {
            return json.readValue(text, HEADERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
