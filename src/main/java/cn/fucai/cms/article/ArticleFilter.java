package cn.fucai.cms.article;

import java.time.Instant;
import java.util.UUID;

/**
 * Filters of the article list, already checked: null means "any". {@code region} matches the region and all below it;
 * {@code locale} keeps articles that can be served in that locale; {@code publishedBefore} is exclusive.
 */
record ArticleFilter(UUID publisherId, String region, String category, String tag, ArticleStatus status, String locale,
                     Instant publishedFrom, Instant publishedBefore) {
}
