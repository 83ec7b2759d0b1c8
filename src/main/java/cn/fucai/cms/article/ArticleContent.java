package cn.fucai.cms.article;

import cn.fucai.cms.media.ImageRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The editable state of an article, checked and normalised by the service. Two equal contents mean a write changes
 * nothing, so neither updatedAt nor the version (and so the ETag) moves.
 */
public record ArticleContent(
        UUID publisherId,
        String slug,
        Localized original,
        String category,
        List<String> tags,
        List<String> regionCodes,
        Instant publishedAt,
        String sourceName,
        String sourceUrl,
        String author,
        ImageRef coverImage,
        ArticleStatus status,
        List<Localized> translations) {

    /** Text of the article in one locale. */
    public record Localized(String locale, String title, String summary, String body) {}
}
