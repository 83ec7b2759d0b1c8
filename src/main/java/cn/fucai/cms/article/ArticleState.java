package cn.fucai.cms.article;

import cn.fucai.cms.article.ArticleDtos.ArticleSummary;
import cn.fucai.cms.common.sql.Database;
import cn.fucai.cms.media.ImageRef;
import cn.fucai.cms.publisher.PublisherRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * An article as stored, whatever its status, read from an entity or a row: the one place that renders it in a locale.
 * {@code translationLocales} are the locales of its published translations, which readers can be served; the
 * content's translations are the texts that were loaded, at least the one served.
 */
public record ArticleState(
        UUID id,
        PublisherRef publisher,
        ArticleContent content,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        List<String> translationLocales) {

    /**
     * The article columns of a row ({@code a.*} names, the publisher as {@link PublisherRef#COLUMNS} and
     * {@code translation_locales}), without translated texts.
     */
    static final RowMapper<ArticleState> ROW = (rs, context) -> read(rs, context, List.of());

    /** A row as {@link #ROW} reads it, with these translated texts. */
    static ArticleState read(ResultSet rs, StatementContext context, List<ArticleContent.Translation> texts)
            throws SQLException {
        PublisherRef publisher = PublisherRef.ROW.map(rs, context);
        return new ArticleState(
                rs.getObject("id", UUID.class),
                publisher,
                new ArticleContent(
                        publisher.id(),
                        rs.getString("slug"),
                        new ArticleContent.Localized(
                                rs.getString("locale"),
                                rs.getString("title"),
                                rs.getString("summary"),
                                rs.getString("body")),
                        rs.getString("category"),
                        Database.strings(rs, "tags"),
                        Database.strings(rs, "region_codes"),
                        Database.instant(rs, "published_at"),
                        Database.instant(rs, "unpublish_at"),
                        rs.getString("source_name"),
                        rs.getString("source_url"),
                        rs.getString("author"),
                        ImageRef.fromJson(rs.getString("cover")),
                        ArticleStatus.valueOf(rs.getString("status")),
                        ScheduledRelease.fromJson(rs.getString("release")),
                        List.copyOf(texts)),
                Database.instant(rs, "created_at"),
                Database.instant(rs, "updated_at"),
                Database.instant(rs, "deleted_at"),
                Database.strings(rs, "translation_locales"));
    }

    /**
     * The published translations' texts of a row, from arrays in one order: their locales (in {@code localesColumn}),
     * {@code titles}, {@code summaries} and, where {@code bodiesColumn} is named, their bodies.
     */
    static List<ArticleContent.Translation> publishedTexts(ResultSet rs, String localesColumn, String bodiesColumn)
            throws SQLException {
        List<String> locales = Database.strings(rs, localesColumn);
        List<String> titles = Database.strings(rs, "titles");
        List<String> summaries = Database.strings(rs, "summaries");
        List<String> bodies = bodiesColumn == null ? null : Database.strings(rs, bodiesColumn);
        List<ArticleContent.Translation> texts = new ArrayList<>(titles.size());
        for (int i = 0; i < titles.size(); i++) {
            texts.add(new ArticleContent.Translation(
                    locales.get(i),
                    titles.get(i),
                    summaries.get(i),
                    bodies == null ? null : bodies.get(i),
                    TranslationStatus.published,
                    null));
        }
        return texts;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public String slug() {
        return content.slug();
    }

    public ArticleStatus status() {
        return content.status();
    }

    public Instant publishedAt() {
        return content.publishedAt();
    }

    public ArticleContent.Localized original() {
        return content.original();
    }

    /** Every locale it can be served in, original first. */
    List<String> availableLocales() {
        List<String> available = new ArrayList<>(translationLocales.size() + 1);
        available.add(original().locale());
        available.addAll(translationLocales);
        return available;
    }

    /** The locale to serve for the reader's preferences: the best translation, else the original. */
    String localeFor(String preferredLocale) {
        return Locales.choose(
                Locales.preferences(preferredLocale, null), original().locale(), translationLocales);
    }

    /** As the public API shows it in the preferred locale, falling back to the original. */
    public ArticleResponse publicView(String preferredLocale) {
        return in(localeFor(preferredLocale));
    }

    /** The article served in {@code locale}: the published translation in that locale, else the original text. */
    ArticleResponse in(String locale) {
        return in(content.publishedTranslations().stream()
                .filter(t -> t.locale().equals(locale))
                .map(ArticleContent.Translation::text)
                .findFirst()
                .orElse(original()));
    }

    /** The article served with {@code text}, the original or one of its translations. */
    ArticleResponse in(ArticleContent.Localized text) {
        return new ArticleResponse(
                id,
                content.slug(),
                publisher,
                text.locale(),
                original().locale(),
                availableLocales(),
                text.title(),
                text.summary(),
                text.body(),
                content.category(),
                content.tags(),
                content.regionCodes(),
                content.publishedAt(),
                content.unpublishAt(),
                content.sourceName(),
                content.sourceUrl(),
                content.author(),
                content.coverImage(),
                content.status(),
                content.release(),
                createdAt,
                updatedAt);
    }

    /** As a list shows it in {@code locale}: everything but the body. */
    ArticleSummary summaryIn(String locale) {
        return summary(in(locale));
    }

    /** As a list shows it with {@code text}: everything but the body. */
    ArticleSummary summaryWith(ArticleContent.Localized text) {
        return summary(in(text));
    }

    private static ArticleSummary summary(ArticleResponse article) {
        return new ArticleSummary(
                article.id(),
                article.slug(),
                article.publisher(),
                article.locale(),
                article.originalLocale(),
                article.availableLocales(),
                article.title(),
                article.summary(),
                article.category(),
                article.tags(),
                article.regionCodes(),
                article.publishedAt(),
                article.coverImage(),
                article.status(),
                article.createdAt(),
                article.updatedAt());
    }
}
