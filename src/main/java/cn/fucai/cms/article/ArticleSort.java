package cn.fucai.cms.article;

import cn.fucai.cms.common.error.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Sort orders of the article list. Each sorts on one key plus the id as tie-breaker, backed by an index on
 * (key, id), so that keyset pages cost the same at any depth.
 */
enum ArticleSort {
    PUBLISHED_AT_DESC("-publishedAt", ArticleSort.PUBLISHED_KEY, true, true),
    PUBLISHED_AT("publishedAt", ArticleSort.PUBLISHED_KEY, false, true),
    UPDATED_AT_DESC("-updatedAt", "a.updated_at", true, true),
    UPDATED_AT("updatedAt", "a.updated_at", false, true),
    TITLE("title", "a.title", false, false),
    TITLE_DESC("-title", "a.title", true, false);

    /** Articles without a publication date sort as the oldest; the index article_published_idx has the same expression. */
    private static final String PUBLISHED_KEY = "coalesce(a.published_at, '-infinity'::timestamptz)";

    final String wireName;
    final String keyExpression;
    final boolean descending;
    final boolean timestampKey;

    ArticleSort(String wireName, String keyExpression, boolean descending, boolean timestampKey) {
        this.wireName = wireName;
        this.keyExpression = keyExpression;
        this.descending = descending;
        this.timestampKey = timestampKey;
    }

    static ArticleSort parse(String value) {
        if (value == null || value.isBlank()) {
            return PUBLISHED_AT_DESC;
        }
        for (ArticleSort sort : values()) {
            if (sort.wireName.equals(value)) {
                return sort;
            }
        }
        throw new InvalidInputException("sort", "must be one of "
                + Arrays.stream(values()).map(s -> s.wireName).collect(Collectors.joining(", ")) + "; was '" + value + "'");
    }
}
