package cn.fucai.cms.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/** An API token: a name, a role, the publisher it acts for, and the SHA-256 of its secret, never the secret. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    @Id
    @GeneratedValue
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public TokenRole role;

    @Column(name = "publisher_id")
    public UUID publisherId;

    @Column(name = "include_children")
    public boolean includeChildren;

    @Column(name = "secret_hash")
    public String secretHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
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
