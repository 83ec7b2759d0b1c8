package cn.fucai.cms.article;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Filters of the article list, already checked: null means "any". {@code region} matches the region and all below it;
 * {@code locale} keeps articles that can be served in that locale; {@code publishedBefore} is exclusive;
 * {@code visiblePublishers}, when set, is the caller's reach, which the service sets.
 */
record ArticleFilter(
        UUID publisherId,
        String region,
        String category,
        String tag,
        ArticleStatus status,
        String locale,
        Instant publishedFrom,
        Instant publishedBefore,
        Set<UUID> visiblePublishers) {

    /** The same filter, restricted to articles of these publishers; null means no restriction. */
    ArticleFilter visibleTo(Set<UUID> publishers) {
        return new ArticleFilter(
                publisherId, region, category, tag, status, locale, publishedFrom, publishedBefore, publishers);
    }
}
