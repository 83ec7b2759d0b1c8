package cn.fucai.cms.article;

import cn.fucai.cms.common.http.Hashes;
import cn.fucai.cms.media.ImageRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
        List<Translation> translations) {

    /** The same content in another status, released by the scheduler as {@code release} (null: by hand). */
    ArticleContent withStatus(ArticleStatus newStatus, ScheduledRelease newRelease) {
        return withStatus(newStatus, publishedAt, newRelease);
    }

    /** The same content in another status, published (or to be) at {@code newPublishedAt}. */
    ArticleContent withStatus(ArticleStatus newStatus, Instant newPublishedAt, ScheduledRelease newRelease) {
        return with(newStatus, newPublishedAt, newRelease, coverImage);
    }

    /** The same content with another cover. */
    ArticleContent withCover(ImageRef newCover) {
        return with(status, publishedAt, release, newCover);
    }

    private ArticleContent with(
            ArticleStatus newStatus, Instant newPublishedAt, ScheduledRelease newRelease, ImageRef newCover) {
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
                newCover,
                newStatus,
                newRelease,
                translations);
    }

    /** The translations readers are served: the published ones. */
    List<Translation> publishedTranslations() {
        return translations.stream().filter(Translation::isPublished).toList();
    }

    /** Text of the article in one locale. */
    public record Localized(String locale, String title, String summary, String body) {

        /**
         * What a translation remembers of the original it was made from: SHA-256 (hex) of the title, summary and body,
         * each followed by U+001F, as UTF-8 (V29 computed the same in SQL for the translations it found).
         */
        String digest() {
            return Hashes.sha256Hex(title
                    + '\u001f'
                    + Objects.toString(summary, "")
                    + '\u001f'
                    + Objects.toString(body, "")
                    + '\u001f');
        }
    }

    /**
     * The article in another locale: its text, whether readers are served it, and the {@link Localized#digest} of the
     * original it was last made from or checked against. Revisions stored before translations had a status read as
     * published.
     */
    public record Translation(
            String locale, String title, String summary, String body, TranslationStatus status, String originalDigest) {

        public Translation {
            status = status == null ? TranslationStatus.published : status;
        }

        Translation(Localized text, TranslationStatus status, String originalDigest) {
            this(text.locale(), text.title(), text.summary(), text.body(), status, originalDigest);
        }

        Localized text() {
            return new Localized(locale, title, summary, body);
        }

        boolean isPublished() {
            return status == TranslationStatus.published;
        }

        /** Whether the original has changed since this translation was made from it or checked against it. */
        boolean isStaleAgainst(Localized original) {
            return originalDigest != null && !originalDigest.equals(original.digest());
        }
    }
}
