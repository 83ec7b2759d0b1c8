package cn.fucai.cms.security;

import cn.fucai.cms.common.time.Timestamps;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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

    private final Clock clock;
    private final PublisherTree tree;
    private final Optional<String> adminTokenHash;
    private final UUID adminTokenId;

    TokenLookup(Clock clock, PublisherTree tree, SecurityConfig config) {
        Optional<String> adminToken = config.adminToken();
        this.clock = clock;
        this.tree = tree;
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

    /** The caller a secret stands for, or empty when it is unknown, expired or revoked. */
    @Transactional
    Optional<Caller> authenticate(String secret) {
        String hash = TokenSecrets.hash(secret);
        if (adminTokenHash.isPresent() && TokenSecrets.sameHash(hash, adminTokenHash.get())) {
            return Optional.of(Caller.token(adminTokenId, BOOTSTRAP_ADMIN, Role.admin, null));
        }
        Instant now = Timestamps.now(clock);
        Optional<ApiToken> token = ApiToken.findBySecretHash(hash).filter(t -> t.isActive(now));
        token.filter(t -> t.lastUsedAt == null || t.lastUsedAt.isBefore(now.minus(LAST_USED_RESOLUTION)))
                .ifPresent(t -> t.lastUsedAt = now);
        return token.map(t -> Caller.token(t.id, t.name, t.role, publishers(t)));
    }

    /** Null (every publisher) for admin and sync tokens; the publisher, and its descendants if asked, otherwise. */
    private Set<UUID> publishers(ApiToken token) {
        if (token.publisherId == null) {
            return token.role == Role.admin ? null : Set.of();
        }
        return token.includeChildren ? tree.withDescendants(token.publisherId) : Set.of(token.publisherId);
    }
}
