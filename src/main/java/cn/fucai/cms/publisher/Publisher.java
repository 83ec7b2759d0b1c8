package cn.fucai.cms.publisher;

import cn.fucai.cms.common.http.QueryParams;
import cn.fucai.cms.common.sql.UuidEntity;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A welfare-lottery centre or civil-affairs department that publishes articles; soft-deleted as a tombstone. */
@Entity
public class Publisher extends UuidEntity {

    public String slug;
    public String name;

    public String nameEn;

    @Enumerated(EnumType.STRING)
    public PublisherLevel level;

    @Enumerated(EnumType.STRING)
    public PublisherKind kind;

    public String regionCode;

    public UUID parentId;

    public String website;

    /** Whether what its editors publish must first be approved by a reviewer other than its author. */
    public boolean requiresReview;

    @Version
    public long version;

    public Instant createdAt;

    public Instant updatedAt;

    public Instant deletedAt;

    /** The publisher with this id, or the live one with this slug (else the latest deleted one), tombstones included. */
    public static Optional<Publisher> findByIdOrSlug(String idOrSlug) {
        UUID id = QueryParams.uuidOrNull(idOrSlug);
        if (id != null) {
            return findByIdOptional(id);
        }
        return find("slug", Sort.by("deletedAt", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_FIRST), idOrSlug)
                .firstResultOptional();
    }

    public static boolean slugTaken(String slug, UUID exceptId) {
        return anyId(
                "select p.id from Publisher p where p.slug = ?1 and p.deletedAt is null and p.id <> ?2",
                slug,
                exceptId == null ? new UUID(0, 0) : exceptId);
    }

    /** Whether {@code candidate} is this publisher or one of its ancestors would become its own ancestor. */
    public boolean wouldCycleWith(UUID candidateParent) {
        UUID current = candidateParent;
        for (int depth = 0; current != null && depth < 64; depth++) {
            if (current.equals(id)) {
                return true;
            }
            Publisher parent = findById(current);
            current = parent == null ? null : parent.parentId;
        }
        return false;
    }

    public long liveChildCount() {
        return count("parentId = ?1 and deletedAt is null", id);
    }

    /** The editable state, in the shape a client sends it; equal states mean a PUT changes nothing. */
    PublisherDtos.PublisherRequest asRequest() {
        return new PublisherDtos.PublisherRequest(
                slug,
                name,
                nameEn,
                level,
                kind,
                regionCode,
                parentId == null ? null : parentId.toString(),
                website,
                requiresReview);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    void markDeleted(Instant now) {
        deletedAt = now;
        updatedAt = now;
    }
}
