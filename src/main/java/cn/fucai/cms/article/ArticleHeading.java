package cn.fucai.cms.article;

import cn.fucai.cms.common.sql.Database;
import cn.fucai.cms.publisher.PublisherRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * An article's heading in its original locale and, when its title and summary hold none of the words a search looks
 * for, the texts where they may stand: its body and each published translation's title, summary and body as one text.
 * What a search hit shows, read in one statement, the bodies only of the hits whose heading does not show why they
 * matched (an article's bytes are mostly its body, which PostgreSQL must decompress).
 */
public record ArticleHeading(
        UUID id,
        String slug,
        PublisherRef publisher,
        String title,
        String summary,
        Instant publishedAt,
        ArticleStatus status,
        boolean deleted,
        String body,
        List<String> translations) {

    /**
     * Articles' headings, for a where clause on {@code a}: {@link #ROW} reads a row. {@code :words} are looked for as
     * written (so only words of no case, Chinese and digits, compare alike in Java); the texts are read unless the
     * title or the summary holds one of them.
     */
    static final String SELECT = """
            select a.id, a.slug, a.title, a.summary, a.published_at, a.status, a.deleted_at is not null as deleted, %s,
                   case when w.in_heading then null else a.body end as body, t.texts
            from article a""".formatted(PublisherRef.COLUMNS) + PublisherRef.joinedTo("a") + """

            cross join lateral (select exists (select from unnest(cast((select :words::text[]) as text[])) as word
                                               where strpos(a.title, word) > 0 or strpos(a.summary, word) > 0) as in_heading) w
            left join lateral (select array_agg(concat_ws(' ', t.title, t.summary, t.body) order by t.locale) as texts
                               from article_translation t
                               where t.article_id = a.id and t.status = 'published' and not w.in_heading
                                 and cardinality(a.translation_locales) > 0) t on true""";

    static final RowMapper<ArticleHeading> ROW = (rs, context) -> new ArticleHeading(
            rs.getObject("id", UUID.class),
            rs.getString("slug"),
            PublisherRef.ROW.map(rs, context),
            rs.getString("title"),
            rs.getString("summary"),
            Database.instant(rs, "published_at"),
            ArticleStatus.valueOf(rs.getString("status")),
            rs.getBoolean("deleted"),
            rs.getString("body"),
            Database.strings(rs, "texts"));
}
