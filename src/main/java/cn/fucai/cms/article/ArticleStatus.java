package cn.fucai.cms.article;

/** Editorial state of an article; constants are spelled as on the wire and in the database. */
public enum ArticleStatus {
    draft,
    published,
    archived
}
