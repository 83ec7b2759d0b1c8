package cn.fucai.cms.security;

import cn.fucai.cms.common.sql.UuidEntity;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An API token: a name, a role, the publisher it acts for, and the SHA-256 of its secret, never the secret. */
@Entity
public class ApiToken extends UuidEntity {

    public String name;

    @Enumerated(EnumType.STRING)
    public Role role;

    public UUID publisherId;

    public boolean includeChildren;

    public String secretHash;

    public Instant createdAt;

    public Instant expiresAt;

    public Instant lastUsedAt;

    public Instant revokedAt;

    static Optional<ApiToken> findBySecretHash(String hash) {
        return find("secretHash", hash).firstResultOptional();
    }

    public static List<ApiToken> page(UUID afterId, int rows) {
        return find("id > ?1", Sort.by("id"), afterId == null ? new UUID(0, 0) : afterId)
                .page(0, rows)
                .list();
    }

    /** Usable now: neither revoked nor expired. */
    boolean isActive(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
