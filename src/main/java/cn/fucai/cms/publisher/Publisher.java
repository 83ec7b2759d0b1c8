package cn.fucai.cms.publisher;

import cn.fucai.cms.common.http.QueryParams;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/** A welfare-lottery centre or civil-affairs department that publishes articles; soft-deleted as a tombstone. */
@Entity
public class Publisher extends PanacheEntityBase {

    @Id
    @GeneratedValue
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;

    public String slug;
    public String name;

    @Column(name = "name_en")
    public String nameEn;

    @Enumerated(EnumType.STRING)
    public PublisherLevel level;

    @Enumerated(EnumType.STRING)
    public PublisherKind kind;

    @Column(name = "region_code")
    public String regionCode;

    @Column(name = "parent_id")
    public UUID parentId;

    public String website;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "deleted_at")
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
        return count("slug = ?1 and deletedAt is null and id <> ?2", slug, exceptId == null ? new UUID(0, 0) : exceptId)
                > 0;
    }

    /** One page of live publishers in slug order, after {@code afterSlug}, filtered by whichever arguments are set. */
    public static List<Publisher> page(
            PublisherLevel level,
            PublisherKind kind,
            List<String> regionCodes,
            UUID parentId,
            String afterSlug,
            int rows) {
        StringBuilder query = new StringBuilder("deletedAt is null and slug > :after");
        Parameters params = Parameters.with("after", afterSlug == null ? "" : afterSlug);
        if (level != null) {
            query.append(" and level = :level");
            params.and("level", level);
        }
        if (kind != null) {
            query.append(" and kind = :kind");
            params.and("kind", kind);
        }
        if (regionCodes != null) {
            query.append(" and regionCode in :regions");
            params.and("regions", regionCodes);
        }
        if (parentId != null) {
            query.append(" and parentId = :parent");
            params.and("parent", parentId);
        }
        return find(query.toString(), Sort.by("slug"), params).page(0, rows).list();
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

    /** Live articles still published under this publisher; counted in SQL so that this feature need not know articles. */
    public long liveArticleCount() {
        return ((Number) getEntityManager()
                        .createNativeQuery(
                                "select count(*) from article where publisher_id = :id and deleted_at is null")
                        .setParameter("id", id)
                        .getSingleResult())
                .longValue();
    }

    /** The editable state, in the shape a client sends it; equal states mean a PUT changes nothing. */
    PublisherDtos.PublisherRequest asRequest() {
        return new PublisherDtos.PublisherRequest(
                slug, name, nameEn, level, kind, regionCode, parentId == null ? null : parentId.toString(), website);
    }

    /**
     * Articles show their publisher's name: when it changes, each live article of the publisher is a change the partner
     * sync feed must report. Written in SQL so that this feature need not know articles.
     */
    void noteArticlesChanged(Instant at) {
        getEntityManager()
                .createNativeQuery("""
                insert into article_change (article_id, publisher_id, changed_at)
                select id, publisher_id, :at from article where publisher_id = :id and deleted_at is null order by id""")
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .setParameter("id", id)
                .executeUpdate();
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    void markDeleted(Instant now) {
        deletedAt = now;
        updatedAt = now;
    }
}
