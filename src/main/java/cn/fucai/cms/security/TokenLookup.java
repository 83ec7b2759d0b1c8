package cn.fucai.cms.security;

import cn.fucai.cms.common.cache.ChangeStamps;
import cn.fucai.cms.common.time.Timestamps;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Checks a bearer secret against the bootstrap admin token and the stored token hashes. Created at start-up, so that a
 * bootstrap admin token too short to resist guessing stops the service before it serves anything.
 */
@Startup
@ApplicationScoped
class TokenLookup {

    /** The bootstrap admin token's name in the audit log. */
    static final String BOOTSTRAP_ADMIN = "CMS_ADMIN_TOKEN";
    /** The shortest bootstrap admin token accepted: 32 characters of a random secret are beyond online guessing. */
    static final int BOOTSTRAP_ADMIN_MIN_LENGTH = 32;

    /** last_used_at is written at most this often per token, so that reads do not each cost a write. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /** At most this many tokens in use are kept, about 300 bytes each. */
    private static final int KEPT = 10_000;

    private final Clock clock;
    private final PublisherTree tree;
    private final Jdbi jdbi;
    private final ChangeStamps stamps;
    private final Cache<String, Kept> inUse = Caffeine.newBuilder()
            .maximumSize(KEPT)
            .expireAfterAccess(Duration.ofHours(1))
            .build();
    private final Counter fromMemory;
    private final Counter fromDatabase;
    private final Optional<String> adminTokenHash;
    private final UUID adminTokenId;

    TokenLookup(
            Clock clock,
            PublisherTree tree,
            Jdbi jdbi,
            ChangeStamps stamps,
            MeterRegistry metrics,
            SecurityConfig config) {
        Optional<String> adminToken = config.adminToken();
        this.clock = clock;
        this.tree = tree;
        this.jdbi = jdbi;
        this.stamps = stamps;
        this.fromMemory = lookups(metrics, "memory");
        this.fromDatabase = lookups(metrics, "database");
        Optional<String> bootstrap = adminToken.map(String::strip).filter(t -> !t.isEmpty());
        if (bootstrap.isPresent() && bootstrap.get().length() < BOOTSTRAP_ADMIN_MIN_LENGTH) {
            throw new IllegalStateException(
                    BOOTSTRAP_ADMIN + " must be at least " + BOOTSTRAP_ADMIN_MIN_LENGTH + " characters long (it has "
                            + bootstrap.get().length() + "); generate one with: openssl rand -base64 32");
        }
        this.adminTokenHash = bootstrap.map(TokenSecrets::hash);
        // an identity of its own in the audit log, derived from the hash: the same token is the same id on every
        // instance
        this.adminTokenId = adminTokenHash
                .map(h -> UUID.nameUUIDFromBytes((BOOTSTRAP_ADMIN + ':' + h).getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
    }

    private static Counter lookups(MeterRegistry metrics, String from) {
        return Counter.builder("cms_token_lookups")
                .description("Stored API tokens looked up, by where they were found: kept in memory or read")
                .tag("from", from)
                .register(metrics);
    }

    /**
     * The caller a secret stands for when memory alone can tell, without a read or a write, so on any thread: the
     * bootstrap admin token, or a kept token that {@link ChangeStamps} still vouches for, active, acting for every
     * publisher or for one, whose use need not be written yet. Null otherwise, when {@link #authenticate} answers.
     */
    Caller knownInMemory(String secret) {
        String hash = TokenSecrets.hash(secret);
        if (adminTokenHash.isPresent() && TokenSecrets.sameHash(hash, adminTokenHash.get())) {
            return Caller.token(adminTokenId, BOOTSTRAP_ADMIN, Role.admin, null);
        }
        Kept kept = inUse.getIfPresent(hash);
        if (kept == null || !stamps.tokensStillAt(kept.stamp())) {
            return null;
        }
        Instant now = Timestamps.now(clock);
        TokenRow token = kept.token();
        if (!token.isActive(now)
                || useDue(kept.lastUsedAt().get(), now)
                || token.includeChildren() && token.publisherId() != null) {
            return null;
        }
        fromMemory.increment();
        return Caller.token(token.id(), token.name(), token.role(), publishers(token));
    }

    /**
     * The caller a secret stands for, or empty when it is unknown, expired or revoked. A token in use is kept in memory
     * while {@link ChangeStamps} vouches for it (every instance hears of a token revoked, expired sooner or changed as
     * its transaction commits, this one before the revoking request is answered); otherwise it is read again. Unknown
     * secrets are not kept: each costs a read, as before.
     */
    Optional<Caller> authenticate(String secret) {
        String hash = TokenSecrets.hash(secret);
        if (adminTokenHash.isPresent() && TokenSecrets.sameHash(hash, adminTokenHash.get())) {
            return Optional.of(Caller.token(adminTokenId, BOOTSTRAP_ADMIN, Role.admin, null));
        }
        Instant now = Timestamps.now(clock);
        Kept kept = inUse.getIfPresent(hash);
        if (kept != null && stamps.tokensStillAt(kept.stamp())) {
            fromMemory.increment();
        } else {
            OptionalLong stamp = stamps.tokens(); // before the read: a change committed after it moves the stamp
            Optional<TokenRow> read = jdbi.withHandle(handle -> handle.createQuery("""
                            select id, name, role, publisher_id, include_children, expires_at, revoked_at, last_used_at
                            from api_token where secret_hash = :hash""")
                    .bind("hash", hash)
                    .map(ConstructorMapper.of(TokenRow.class))
                    .findOne());
            fromDatabase.increment();
            if (read.isEmpty()) {
                return Optional.empty();
            }
            kept = new Kept(
                    read.get(),
                    stamp.orElse(-1),
                    new AtomicReference<>(read.get().lastUsedAt()));
            if (stamp.isPresent()) {
                inUse.put(hash, kept);
            }
        }
        TokenRow token = kept.token();
        if (!token.isActive(now)) {
            return Optional.empty();
        }
        noteUse(kept, now);
        return Optional.of(Caller.token(token.id(), token.name(), token.role(), publishers(token)));
    }

    /** Writes last_used_at when it is older than its resolution, once for all the requests that find it so. */
    private void noteUse(Kept kept, Instant now) {
        Instant last = kept.lastUsedAt().get();
        if (useDue(last, now) && kept.lastUsedAt().compareAndSet(last, now)) {
            jdbi.useHandle(handle -> handle.createUpdate("""
                            update api_token set last_used_at = :now
                            where id = :id and (last_used_at is null or last_used_at < :now)""")
                    .bind("id", kept.token().id())
                    .bind("now", now)
                    .execute());
        }
    }

    /** Whether a use is to be written, the last written at {@code last}. */
    private static boolean useDue(Instant last, Instant now) {
        return last == null || last.isBefore(now.minus(LAST_USED_RESOLUTION));
    }

    /** Null (every publisher) for admin and sync tokens; the publisher, and its descendants if asked, otherwise. */
    private Set<UUID> publishers(TokenRow token) {
        if (token.publisherId() == null) {
            return token.role() == Role.admin ? null : Set.of();
        }
        return token.includeChildren() ? tree.withDescendants(token.publisherId()) : Set.of(token.publisherId());
    }

    /** What decides whether a stored token may be used, and as whom. */
    record TokenRow(
            UUID id,
            String name,
            Role role,
            UUID publisherId,
            boolean includeChildren,
            Instant expiresAt,
            Instant revokedAt,
            Instant lastUsedAt) {

        /** Usable now: neither revoked nor expired. */
        boolean isActive(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    /** A token kept in memory: as read, the stamp read before it, and when its use was last written. */
    private record Kept(TokenRow token, long stamp, AtomicReference<Instant> lastUsedAt) {}
}
