package cn.fucai.cms.article;

import cn.fucai.cms.media.ImageRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The editable state of an article, checked and normalised by the service. Two equal contents mean a write changes
 * nothing, so neither updatedAt nor the version (and so the ETag) moves. {@code release} is the scheduler's, kept by
 * writes while the article stays published.
 */
public record ArticleContent(
        UUID publisherId,
        String slug,
        Localized original,
        String category,
        List<String> tags,
        List<String> regionCodes,
        Instant publishedAt,
        Instant unpublishAt,
        String sourceName,
        String sourceUrl,
        String author,
        ImageRef coverImage,
        ArticleStatus status,
        ScheduledRelease release,
        List<Localized> translations) {

    /** The same content in another status, released by the scheduler as {@code release} (null: by hand). */
    ArticleContent withStatus(ArticleStatus newStatus, ScheduledRelease newRelease) {
        return withStatus(newStatus, publishedAt, newRelease);
    }

    /** The same content in another status, published (or to be) at {@code newPublishedAt}. */
    ArticleContent withStatus(ArticleStatus newStatus, Instant newPublishedAt, ScheduledRelease newRelease) {
        return new ArticleContent(
                publisherId,
                slug,
                original,
                category,
                tags,
                regionCodes,
                newPublishedAt,
                unpublishAt,
                sourceName,
                sourceUrl,
                author,
                coverImage,
                newStatus,
                newRelease,
                translations);
    }

    /** Text of the article in one locale. */
    public record Localized(String locale, String title, String summary, String body) {}
}
