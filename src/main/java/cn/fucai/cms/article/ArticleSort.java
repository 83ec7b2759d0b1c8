package cn.fucai.cms.article;

import cn.fucai.cms.common.paging.SortKey;

/**
 * Sort orders of the article list. Each sorts on one key plus the id as tie-breaker, backed by an index on
 * (key, id), so that keyset pages cost the same at any depth.
 */
enum ArticleSort implements SortKey {
    PUBLISHED_AT_DESC("-publishedAt", ArticleSort.PUBLISHED_KEY, true, "timestamptz"),
    PUBLISHED_AT("publishedAt", ArticleSort.PUBLISHED_KEY, false, "timestamptz"),
    UPDATED_AT_DESC("-updatedAt", "a.updated_at", true, "timestamptz"),
    UPDATED_AT("updatedAt", "a.updated_at", false, "timestamptz"),
    TITLE("title", "a.title", false, "text"),
    TITLE_DESC("-title", "a.title", true, "text");

    /** Articles without a publication date sort as the oldest; the index article_published_idx has the same expression. */
    private static final String PUBLISHED_KEY = "coalesce(a.published_at, '-infinity'::timestamptz)";

    private final String wireName;
    private final String keyExpression;
    private final boolean descending;
    private final String keyType;

    ArticleSort(String wireName, String keyExpression, boolean descending, String keyType) {
        this.wireName = wireName;
        this.keyExpression = keyExpression;
        this.descending = descending;
        this.keyType = keyType;
    }

    static ArticleSort parse(String value) {
        return SortKey.parse(ArticleSort.class, value, PUBLISHED_AT_DESC);
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public String keyExpression() {
        return keyExpression;
    }

    @Override
    public boolean descending() {
        return descending;
    }

    @Override
    public String keyType() {
        return keyType;
    }
}
