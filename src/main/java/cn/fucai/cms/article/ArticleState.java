package cn.fucai.cms.article;

import cn.fucai.cms.article.ArticleDtos.ArticleSummary;
import cn.fucai.cms.common.sql.Database;
import cn.fucai.cms.publisher.PublisherRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * An article as stored, whatever its status, read from an entity or a row: the one place that renders it in a locale.
 * {@code translationLocales} are all the locales it is translated into; {@code translations} the texts that were
 * loaded, at least the one served.
 */
public record ArticleState(
        UUID id,
        String slug,
        PublisherRef publisher,
        ArticleContent.Localized original,
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
        List<String> translationLocales,
        List<ArticleContent.Localized> translations) {

    /**
     * The article columns of a row ({@code a.*} names, the publisher as {@link PublisherRef#COLUMNS} and
     * {@code translation_locales}), without translated texts.
     */
    static final RowMapper<ArticleState> ROW = (rs, context) -> new ArticleState(
            rs.getObject("id", UUID.class),
            rs.getString("slug"),
            PublisherRef.ROW.map(rs, context),
            new ArticleContent.Localized(
                    rs.getString("locale"), rs.getString("title"), rs.getString("summary"), rs.getString("body")),
            rs.getString("category"),
            Database.strings(rs, "tags"),
            Database.strings(rs, "region_codes"),
            Database.instant(rs, "published_at"),
            rs.getString("source_name"),
            rs.getString("source_url"),
            rs.getString("author"),
            ArticleStatus.valueOf(rs.getString("status")),
            Database.instant(rs, "created_at"),
            Database.instant(rs, "updated_at"),
            Database.instant(rs, "deleted_at"),
            Database.strings(rs, "translation_locales"),
            List.of());

    public boolean isDeleted() {
        return deletedAt != null;
    }

    ArticleState withTranslations(List<ArticleContent.Localized> texts) {
        return new ArticleState(
                id,
                slug,
                publisher,
                original,
                category,
                tags,
                regionCodes,
                publishedAt,
                sourceName,
                sourceUrl,
                author,
                status,
                createdAt,
                updatedAt,
                deletedAt,
                translationLocales,
                List.copyOf(texts));
    }

    /** The editable state: what a write compares to tell whether anything changed. */
    ArticleContent content() {
        return new ArticleContent(
                publisher == null ? null : publisher.id(),
                slug,
                original,
                category,
                tags,
                regionCodes,
                publishedAt,
                sourceName,
                sourceUrl,
                author,
                status,
                translations);
    }

    /** Every locale it can be served in, original first. */
    List<String> availableLocales() {
        List<String> available = new ArrayList<>(translationLocales.size() + 1);
        available.add(original.locale());
        available.addAll(translationLocales);
        return available;
    }

    /** The locale to serve for the reader's preferences: the best translation, else the original. */
    String localeFor(String preferredLocale) {
        return Locales.choose(Locales.preferences(preferredLocale, null), original.locale(), translationLocales);
    }

    /** As the public API shows it in the preferred locale, falling back to the original. */
    public ArticleResponse publicView(String preferredLocale) {
        return in(localeFor(preferredLocale));
    }

    /** The article served in {@code locale}: the translation in that locale, else the original text. */
    ArticleResponse in(String locale) {
        ArticleContent.Localized text = translations.stream()
                .filter(t -> t.locale().equals(locale))
                .findFirst()
                .orElse(original);
        return new ArticleResponse(
                id,
                slug,
                publisher,
                text.locale(),
                original.locale(),
                availableLocales(),
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

    /** As a list shows it in {@code locale}: everything but the body. */
    ArticleSummary summaryIn(String locale) {
        ArticleResponse article = in(locale);
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
                article.status(),
                article.createdAt(),
                article.updatedAt());
    }
}
