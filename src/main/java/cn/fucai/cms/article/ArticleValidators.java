package cn.fucai.cms.article;

import cn.fucai.cms.common.sql.Database;
import cn.fucai.cms.publisher.PublisherRef;
import jakarta.ws.rs.core.EntityTag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * What a conditional read of an article needs, without its texts: who may see it (status, deletion, whether it was
 * ever published, its publisher), which locale a reader is served (the original and the published translations) and
 * the validators of that representation (ETag and Last-Modified). A revalidation that matches is answered from these
 * alone; everything else reads the whole {@link ArticleRead}, which derives the same from its state.
 */
record ArticleValidators(
        UUID id,
        UUID publisherId,
        ArticleStatus status,
        boolean deleted,
        boolean everPublished,
        String originalLocale,
        List<String> translationLocales,
        long version,
        long publisherVersion,
        Instant updatedAt,
        Instant publisherUpdatedAt) {

    /** Articles' validators, whatever their status, for a where clause on {@code a}: {@link #ROW} reads a row. */
    static final String SELECT = """
            select a.id, a.publisher_id, a.status, a.deleted_at is not null as deleted,
                   a.first_published_at is not null as ever_published, a.locale, a.version, a.updated_at,
                   p.version as publisher_version, p.updated_at as publisher_updated_at, a.translation_locales
            from article a""" + PublisherRef.joinedTo("a") + "\n";

    static final RowMapper<ArticleValidators> ROW = (rs, context) -> new ArticleValidators(
            rs.getObject("id", UUID.class),
            rs.getObject("publisher_id", UUID.class),
            ArticleStatus.valueOf(rs.getString("status")),
            rs.getBoolean("deleted"),
            rs.getBoolean("ever_published"),
            rs.getString("locale"),
            Database.strings(rs, "translation_locales"),
            rs.getLong("version"),
            rs.getLong("publisher_version"),
            Database.instant(rs, "updated_at"),
            Database.instant(rs, "publisher_updated_at"));

    /** Strong, per representation: article version, publisher version (its name is shown) and the locale served. */
    static EntityTag etag(long version, long publisherVersion, String locale) {
        return new EntityTag(version + "." + publisherVersion + "-" + locale);
    }

    EntityTag etag(String locale) {
        return etag(version, publisherVersion, locale);
    }

    /** The publisher's name is part of the representation, so its changes count too. */
    Instant lastModified() {
        return updatedAt.isAfter(publisherUpdatedAt) ? updatedAt : publisherUpdatedAt;
    }
}
