package cn.fucai.cms.account;

import cn.fucai.cms.common.sql.UuidEntity;
import jakarta.persistence.Entity;
import java.time.Instant;
import java.util.UUID;

/** A signed-in browser: the SHA-256 of its cookie's secret, never the secret, and when it ends. */
@Entity
class AccountSession extends UuidEntity {

    UUID accountId;

    String secretHash;

    Instant createdAt;

    Instant lastSeenAt;

    Instant expiresAt;

    Instant endedAt;

    String endedReason;

    String clientAddress;

    String userAgent;

    /** Ends every live session of an account but one (null for all); the number ended. */
    static int endAll(UUID accountId, UUID except, Instant now, String reason) {
        return update(
                "endedAt = ?1, endedReason = ?2 where accountId = ?3 and endedAt is null and id <> ?4",
                now,
                reason,
                accountId,
                except == null ? new UUID(0, 0) : except);
    }
}
