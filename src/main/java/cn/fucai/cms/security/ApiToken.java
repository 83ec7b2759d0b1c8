package cn.fucai.cms.security;

import cn.fucai.cms.common.sql.UuidEntity;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.util.List;
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

    public static List<ApiToken> page(UUID afterId, int rows) {
        return find("id > ?1", Sort.by("id"), afterId == null ? new UUID(0, 0) : afterId)
                .page(0, rows)
                .list();
    }
}
