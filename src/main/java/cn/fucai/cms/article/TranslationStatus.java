package cn.fucai.cms.article;

/**
 * Whether readers are served a translation: a {@code draft} translation is the editors' alone, and readers get the
 * original until it is {@code published}. Spelled as on the wire and in the database.
 */
public enum TranslationStatus {
    draft,
    published
}
