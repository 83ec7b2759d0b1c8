package cn.fucai.cms.media;

import cn.fucai.cms.common.sql.UuidEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An image or PDF of a publisher's library: what it is, what it shows, and where its bytes are. */
@Entity
public class Media extends UuidEntity {

    public UUID publisherId;
    /** SHA-256 of the uploaded bytes, lower-case hex: the address of the stored objects. */
    public String sha256;

    public String mediaType;
    public long bytes;
    public Integer width;
    public Integer height;
    public Integer pages;

    /** Widths of the stored renditions, narrowest first. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public int[] renditions = new int[0];

    /** Whether each rendition is stored as WebP too (items uploaded before WebP renditions have none). */
    public boolean webpRenditions;

    public String originalName;
    /** BCP 47 tag of title, alt and caption. */
    public String locale;

    public String title;
    public String alt;
    public String caption;
    public String credit;

    /** Where it was imported from, without query or fragment; null for an upload. */
    public String sourceUrl;

    /** The focal point ({@link FocalPoint}) of an image; null for the centre, and for a PDF. */
    @Column(name = "focal_x") // the naming strategy puts no underscore before a last capital
    public Double focalX;

    @Column(name = "focal_y")
    public Double focalY;

    @ElementCollection
    @CollectionTable(name = "media_translation", joinColumns = @JoinColumn(name = "media_id"))
    @OrderBy("locale")
    public List<Text> translations = new ArrayList<>();

    /** The token or account that uploaded it; null for the service itself. */
    public UUID uploadedBy;

    public Instant createdAt;
    public Instant updatedAt;
    public Instant deletedAt;

    @Version
    public long version;

    /** Title, alt text and caption in one locale. */
    @Embeddable
    public record Text(String locale, String title, String alt, String caption) {}

    /** The focal point of an image; null for a PDF. */
    FocalPoint focalPoint() {
        return MediaInspector.PDF.equals(mediaType)
                ? null
                : focalX == null ? FocalPoint.CENTRE : new FocalPoint(focalX, focalY);
    }

    /** The publisher's live item with these bytes. */
    static Optional<Media> findLive(UUID publisherId, String sha256) {
        return find("publisherId = ?1 and sha256 = ?2 and deletedAt is null", publisherId, sha256)
                .firstResultOptional();
    }
}
