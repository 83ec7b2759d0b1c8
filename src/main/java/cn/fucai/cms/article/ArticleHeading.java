package cn.fucai.cms.article;

import cn.fucai.cms.common.sql.Database;
import cn.fucai.cms.publisher.PublisherRef;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * An article's heading in its original locale, without its body or translations: what a search hit shows when its
 * title or summary holds the words, read without the texts that are the most of an article's bytes.
 */
public record ArticleHeading(
        UUID id,
        String slug,
        PublisherRef publisher,
        String title,
        String summary,
        Instant publishedAt,
        ArticleStatus status,
        boolean deleted) {

    /** Articles' headings, for a where clause on {@code a}: {@link #ROW} reads a row. */
    static final String SELECT = """
            select a.id, a.slug, a.title, a.summary, a.published_at, a.status, a.deleted_at is not null as deleted, %s
            from article a""".formatted(PublisherRef.COLUMNS) + PublisherRef.joinedTo("a");

    static final RowMapper<ArticleHeading> ROW = (rs, context) -> new ArticleHeading(
            rs.getObject("id", UUID.class),
            rs.getString("slug"),
            PublisherRef.ROW.map(rs, context),
            rs.getString("title"),
            rs.getString("summary"),
            Database.instant(rs, "published_at"),
            ArticleStatus.valueOf(rs.getString("status")),
            rs.getBoolean("deleted"));
}
