package cn.fucai.cms.account;

import cn.fucai.cms.common.sql.UuidEntity;
import cn.fucai.cms.security.Role;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A person who signs in: login, name, role and publisher scope, and the argon2id hash of the password. */
@Entity
public class Account extends UuidEntity {

    public String login;

    public String displayName;

    public String email;

    @Enumerated(EnumType.STRING)
    public Role role;

    public UUID publisherId;

    public boolean includeChildren;

    @Enumerated(EnumType.STRING)
    public AccountStatus status;

    String passwordHash;

    public Instant passwordChangedAt;

    public Instant createdAt;

    public Instant updatedAt;

    public long version;

    /** The account a login names, whatever its case. */
    static Optional<Account> findByLogin(String login) {
        return find("lower(login) = ?1", login.toLowerCase(Locale.ROOT)).firstResultOptional();
    }

    /** Newest first, after the given position. */
    static List<Account> page(Instant beforeCreatedAt, UUID beforeId, int rows) {
        if (beforeCreatedAt == null) {
            return findAll(Sort.descending("createdAt", "id")).page(0, rows).list();
        }
        return find(
                        "createdAt < ?1 or (createdAt = ?1 and id < ?2)",
                        Sort.descending("createdAt", "id"),
                        beforeCreatedAt,
                        beforeId)
                .page(0, rows)
                .list();
    }

    boolean isActive() {
        return status == AccountStatus.active;
    }

    /** Marks a change: the version (the ETag) moves. */
    void touch(Instant now) {
        updatedAt = now;
        version++;
    }
}
