package cn.fucai.cms.article;

import cn.fucai.cms.publisher.PublisherRef;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * What decides whether and how a mirror shows an article, without its texts: whose it is, whether it is live and
 * published, and the versions its public representation in a locale is a function of (its own and its publisher's,
 * whose name it shows), as {@link ArticleValidators} has them for an ETag.
 */
public record ArticleVersion(
        UUID id, UUID publisherId, ArticleStatus status, boolean deleted, long version, long publisherVersion) {

    /** Articles' versions, for a where clause on {@code a}: {@link #ROW} reads a row. */
    static final String SELECT = """
            select a.id, a.publisher_id, a.status, a.deleted_at is not null as deleted, a.version,
                   p.version as publisher_version
            from article a""" + PublisherRef.joinedTo("a");

    static final RowMapper<ArticleVersion> ROW = (rs, context) -> new ArticleVersion(
            rs.getObject("id", UUID.class),
            rs.getObject("publisher_id", UUID.class),
            ArticleStatus.valueOf(rs.getString("status")),
            rs.getBoolean("deleted"),
            rs.getLong("version"),
            rs.getLong("publisher_version"));
}
