package cn.fucai.cms.article;

/**
 * Editorial state of an article; constants are spelled as on the wire and in the database. Only {@code published} is
 * public; {@code scheduled} becomes it at {@code publishedAt}; {@code in_review} waits for a reviewer's approval.
 */
public enum ArticleStatus {
    draft,
    in_review,
    scheduled,
    published,
    archived
}
