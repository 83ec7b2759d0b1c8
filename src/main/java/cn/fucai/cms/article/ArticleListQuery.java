package cn.fucai.cms.article;

import cn.fucai.cms.article.ArticleDtos.ArticleSummary;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.sql.Jdbc;
import cn.fucai.cms.publisher.PublisherRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The article list as two SQL statements whatever the page size: one keyset page of rows (with publisher and the
 * locales each article has), then the translations the page is served in. Plain JDBC, no entities, no dirty checking.
 */
@ApplicationScoped
class ArticleListQuery {

    private final Jdbc jdbc;

    ArticleListQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Page<ArticleSummary> page(
            ArticleFilter filter,
            ArticleSort sort,
            Cursor after,
            int limit,
            List<Locale.LanguageRange> preferences,
            String fingerprint) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("""
                select a.id, a.slug, a.locale, a.title, a.summary, a.category, a.tags, a.region_codes, a.published_at,
                       a.status, a.created_at, a.updated_at, p.id, p.slug, p.name, p.name_en,
                       array(select t.locale from article_translation t where t.article_id = a.id order by t.locale)
                from article a join publisher p on p.id = a.publisher_id
                where a.deleted_at is null""");
        appendFilters(sql, params, filter);
        if (after != null) {
            // Row comparison on (key, id) is what the (key, id) index serves; the key is cast from its cursor text.
            sql.append(" and ").append(sort.after("a.id"));
            params.add(after.keys().get(0));
            params.add(after.uuidKey(1));
        }
        sql.append(sort.orderBy("a.id")).append(" limit ?");
        params.add(limit + 1);

        return jdbc.withConnection(connection -> {
            List<Row> rows = rows(connection, sql.toString(), params);
            Map<UUID, String> served = new HashMap<>();
            for (Row row : rows) {
                served.put(row.id, Locales.choose(preferences, row.originalLocale, row.translationLocales));
            }
            Map<UUID, String[]> texts = translations(connection, rows, served);
            List<ArticleSummary> summaries = rows.stream()
                    .map(row -> row.summary(served.get(row.id), texts.get(row.id)))
                    .toList();
            return Page.fromLookahead(summaries, limit, last -> cursorAfter(rows.get(limit - 1), sort, fingerprint));
        });
    }

    private static void appendFilters(StringBuilder sql, List<Object> params, ArticleFilter filter) {
        if (filter.publisherId() != null) {
            sql.append(" and a.publisher_id = ?");
            params.add(filter.publisherId());
        }
        if (filter.visiblePublishers() != null) {
            sql.append(" and a.publisher_id = any(?)");
            params.add(filter.visiblePublishers().toArray(UUID[]::new));
        }
        if (filter.region() != null) {
            sql.append(" and a.region_scope @> array[?]::varchar[]");
            params.add(filter.region());
        }
        if (filter.category() != null) {
            sql.append(" and a.category = ?");
            params.add(filter.category());
        }
        if (filter.tag() != null) {
            sql.append(" and a.tags @> array[?]::text[]");
            params.add(filter.tag());
        }
        if (filter.status() != null) {
            sql.append(" and a.status = ?");
            params.add(filter.status().name());
        }
        if (filter.locale() != null) {
            sql.append(
                    " and (a.locale = ? or exists (select 1 from article_translation t where t.article_id = a.id and t.locale = ?))");
            params.add(filter.locale());
            params.add(filter.locale());
        }
        if (filter.publishedFrom() != null) {
            sql.append(" and a.published_at >= ?");
            params.add(filter.publishedFrom().atOffset(ZoneOffset.UTC));
        }
        if (filter.publishedBefore() != null) {
            sql.append(" and a.published_at < ?");
            params.add(filter.publishedBefore().atOffset(ZoneOffset.UTC));
        }
    }

    private static List<Row> rows(Connection connection, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Jdbc.bind(statement, params.toArray());
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs));
                }
            }
            return rows;
        }
    }

    /** Title and summary of every row served in a translation, in one statement; keyed by article id. */
    private static Map<UUID, String[]> translations(Connection connection, List<Row> rows, Map<UUID, String> served)
            throws SQLException {
        List<UUID> ids = new ArrayList<>();
        List<String> locales = new ArrayList<>();
        for (Row row : rows) {
            String locale = served.get(row.id);
            if (!locale.equals(row.originalLocale)) {
                ids.add(row.id);
                locales.add(locale);
            }
        }
        Map<UUID, String[]> texts = new HashMap<>();
        if (ids.isEmpty()) {
            return texts;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                select t.article_id, t.title, t.summary
                from article_translation t
                join unnest(?::uuid[], ?::text[]) as wanted(article_id, locale)
                  on wanted.article_id = t.article_id and wanted.locale = t.locale""")) {
            statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            statement.setArray(2, connection.createArrayOf("text", locales.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    texts.put(rs.getObject(1, UUID.class), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        }
        return texts;
    }

    private static String cursorAfter(Row row, ArticleSort sort, String fingerprint) {
        String key = switch (sort) {
            case PUBLISHED_AT, PUBLISHED_AT_DESC -> row.publishedAt == null ? "-infinity" : row.publishedAt.toString();
            case UPDATED_AT, UPDATED_AT_DESC -> row.updatedAt.toString();
            case TITLE, TITLE_DESC -> row.title;
        };
        return new Cursor(fingerprint, List.of(key, row.id.toString())).encode();
    }

    /** One row of the page query. */
    private static final class Row {
        final UUID id;
        final String slug;
        final String originalLocale;
        final String title;
        final String summary;
        final String category;
        final List<String> tags;
        final List<String> regionCodes;
        final Instant publishedAt;
        final ArticleStatus status;
        final Instant createdAt;
        final Instant updatedAt;
        final PublisherRef publisher;
        final List<String> translationLocales;

        Row(ResultSet rs) throws SQLException {
            id = rs.getObject(1, UUID.class);
            slug = rs.getString(2);
            originalLocale = rs.getString(3);
            title = rs.getString(4);
            summary = rs.getString(5);
            category = rs.getString(6);
            tags = strings(rs.getArray(7));
            regionCodes = strings(rs.getArray(8));
            publishedAt = instant(rs, 9);
            status = ArticleStatus.valueOf(rs.getString(10));
            createdAt = instant(rs, 11);
            updatedAt = instant(rs, 12);
            publisher = new PublisherRef(
                    rs.getObject(13, UUID.class), rs.getString(14), rs.getString(15), rs.getString(16));
            translationLocales = strings(rs.getArray(17));
        }

        ArticleSummary summary(String locale, String[] text) {
            boolean translated = text != null;
            List<String> available = new ArrayList<>(translationLocales.size() + 1);
            available.add(originalLocale);
            available.addAll(translationLocales);
            return new ArticleSummary(
                    id,
                    slug,
                    publisher,
                    translated ? locale : originalLocale,
                    originalLocale,
                    available,
                    translated ? text[0] : title,
                    translated ? text[1] : summary,
                    category,
                    tags,
                    regionCodes,
                    publishedAt,
                    status,
                    createdAt,
                    updatedAt);
        }

        private static List<String> strings(Array array) throws SQLException {
            return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
        }

        private static Instant instant(ResultSet rs, int column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }
}
