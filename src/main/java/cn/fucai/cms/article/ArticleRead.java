package cn.fucai.cms.article;

import cn.fucai.cms.common.sql.Database;
import jakarta.ws.rs.core.EntityTag;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * An article as one reader asks for it, by id or slug: its state with every translation, and what its ETag,
 * Last-Modified and visibility need. Read in one statement, without entities or a transaction.
 */
public record ArticleRead(
        ArticleState state, long version, long publisherVersion, Instant publisherUpdatedAt, boolean everPublished) {

    /** The columns {@link #ROW} reads beyond the state's, with the article as {@code a} and its publisher as {@code p}. */
    static final String COLUMNS = "a.version, a.first_published_at is not null as ever_published,"
            + " p.version as publisher_version, p.updated_at as publisher_updated_at";

    static RowMapper<ArticleRead> mapping(RowMapper<ArticleState> states) {
        return (rs, context) -> new ArticleRead(
                states.map(rs, context),
                rs.getLong("version"),
                rs.getLong("publisher_version"),
                Database.instant(rs, "publisher_updated_at"),
                rs.getBoolean("ever_published"));
    }

    /** Strong, per representation: article version, publisher version (its name is shown) and the locale served. */
    static EntityTag etag(long version, long publisherVersion, String locale) {
        return new EntityTag(version + "." + publisherVersion + "-" + locale);
    }

    EntityTag etag(String locale) {
        return etag(version, publisherVersion, locale);
    }

    /** The publisher's name is part of the representation, so its changes count too. */
    Instant lastModified() {
        return state.updatedAt().isAfter(publisherUpdatedAt) ? state.updatedAt() : publisherUpdatedAt;
    }
}
