package cn.fucai.cms.article;

import cn.fucai.cms.common.paging.SortKey;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Sort orders of the article list. Each sorts on one key plus the id as tie-breaker, backed by an index on
 * (key, id), so that keyset pages cost the same at any depth.
 */
@Schema(description = "Sort order of the article list, `-` for descending", defaultValue = "-publishedAt")
enum ArticleSort implements SortKey {
    PUBLISHED_AT_DESC(new Spec("-publishedAt", ArticleSort.PUBLISHED_KEY, true, "timestamptz")),
    PUBLISHED_AT(new Spec("publishedAt", ArticleSort.PUBLISHED_KEY, false, "timestamptz")),
    UPDATED_AT_DESC(new Spec("-updatedAt", "a.updated_at", true, "timestamptz")),
    UPDATED_AT(new Spec("updatedAt", "a.updated_at", false, "timestamptz")),
    TITLE(new Spec("title", "a.title", false, "text")),
    TITLE_DESC(new Spec("-title", "a.title", true, "text"));

    /** Articles without a publication date sort as the oldest; the index article_published_idx has the same expression. */
    private static final String PUBLISHED_KEY = "coalesce(a.published_at, '-infinity'::timestamptz)";

    private final Spec spec;

    ArticleSort(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
