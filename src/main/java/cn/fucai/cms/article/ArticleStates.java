package cn.fucai.cms.article;

import cn.fucai.cms.article.ArticleDtos.ArticleResponse;
import cn.fucai.cms.common.sql.Jdbc;
import cn.fucai.cms.publisher.PublisherRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Articles as they are now, whatever their status, with publisher and every translation, in one SQL statement and
 * without entities: what the partner sync reads by the hundred, where loading entities and checking them for changes
 * at commit cost more than the query.
 */
@ApplicationScoped
public class ArticleStates {

    /** bench/pg/sync.sql runs this statement through pgbench: change both together. */
    private static final String SELECT = """
            select a.id, a.slug, a.locale, a.title, a.summary, a.body, a.category, a.tags, a.region_codes, a.published_at,
                   a.source_name, a.source_url, a.author, a.status, a.created_at, a.updated_at, a.deleted_at,
                   p.id, p.slug, p.name, p.name_en, t.locales, t.titles, t.summaries, t.bodies
            from article a join publisher p on p.id = a.publisher_id
            left join lateral (select array_agg(t.locale order by t.locale) as locales, array_agg(t.title order by t.locale) as titles,
                                      array_agg(t.summary order by t.locale) as summaries, array_agg(t.body order by t.locale) as bodies
                               from article_translation t where t.article_id = a.id) t on true
            """;

    private final Jdbc jdbc;

    ArticleStates(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** An article's current state: enough to tell a removal from an upsert, and to render it in any of its locales. */
    public record ArticleState(
            UUID id,
            String slug,
            PublisherRef publisher,
            String locale,
            String title,
            String summary,
            String body,
            String category,
            List<String> tags,
            List<String> regionCodes,
            Instant publishedAt,
            String sourceName,
            String sourceUrl,
            String author,
            ArticleStatus status,
            Instant createdAt,
            Instant updatedAt,
            Instant deletedAt,
            List<ArticleContent.Localized> translations) {

        public boolean isDeleted() {
            return deletedAt != null;
        }

        /** As the public API shows it in the preferred locale, falling back to the original. */
        public ArticleResponse publicView(String preferredLocale) {
            List<String> available = new ArrayList<>();
            available.add(locale);
            translations.forEach(t -> available.add(t.locale()));
            String served = Locales.choose(
                    Locales.preferences(preferredLocale, null), locale, available.subList(1, available.size()));
            ArticleContent.Localized text = translations.stream()
                    .filter(t -> t.locale().equals(served))
                    .findFirst()
                    .orElse(new ArticleContent.Localized(locale, title, summary, body));
            return new ArticleResponse(
                    id,
                    slug,
                    publisher,
                    text.locale(),
                    locale,
                    available,
                    text.title(),
                    text.summary(),
                    text.body(),
                    category,
                    tags,
                    regionCodes,
                    publishedAt,
                    sourceName,
                    sourceUrl,
                    author,
                    status,
                    createdAt,
                    updatedAt);
        }
    }

    /** The current state of these articles, by id; ids of no article are left out. */
    public Map<UUID, ArticleState> byIds(Collection<UUID> ids) {
        Map<UUID, ArticleState> states = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.stream(
                    SELECT + " where a.id = any(?)",
                    rs -> {
                        ArticleState state = state(rs);
                        states.put(state.id(), state);
                    },
                    (Object) ids.toArray(UUID[]::new));
        }
        return states;
    }

    /** Live published articles in id order after {@code afterId}, of one publisher or all: a page of a snapshot. */
    public List<ArticleState> publishedAfter(UUID publisherId, UUID afterId, int rows) {
        String publisher = publisherId == null ? "" : " and a.publisher_id = ?";
        Object[] params =
                publisherId == null ? new Object[] {afterId, rows} : new Object[] {afterId, publisherId, rows};
        return jdbc.list(
                SELECT + " where a.status = 'published' and a.deleted_at is null and a.id > ?" + publisher
                        + " order by a.id limit ?",
                ArticleStates::state,
                params);
    }

    /** The newest live published articles, of one publisher or all: for Atom feeds. */
    public List<ArticleState> latestPublished(UUID publisherId, int rows) {
        String publisher = publisherId == null ? "" : " and a.publisher_id = ?";
        Object[] params = publisherId == null ? new Object[] {rows} : new Object[] {publisherId, rows};
        return jdbc.list(
                SELECT + " where a.status = 'published' and a.deleted_at is null" + publisher
                        + " order by coalesce(a.published_at, '-infinity'::timestamptz) desc, a.id desc limit ?",
                ArticleStates::state,
                params);
    }

    private static ArticleState state(ResultSet rs) throws SQLException {
        String[] locales = strings(rs.getArray(22));
        String[] titles = strings(rs.getArray(23));
        String[] summaries = strings(rs.getArray(24));
        String[] bodies = strings(rs.getArray(25));
        List<ArticleContent.Localized> translations = new ArrayList<>(locales.length);
        for (int i = 0; i < locales.length; i++) {
            translations.add(new ArticleContent.Localized(locales[i], titles[i], summaries[i], bodies[i]));
        }
        return new ArticleState(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                new PublisherRef(rs.getObject(18, UUID.class), rs.getString(19), rs.getString(20), rs.getString(21)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                Arrays.asList(strings(rs.getArray(8))),
                Arrays.asList(strings(rs.getArray(9))),
                instant(rs, 10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                ArticleStatus.valueOf(rs.getString(14)),
                instant(rs, 15),
                instant(rs, 16),
                instant(rs, 17),
                translations);
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
