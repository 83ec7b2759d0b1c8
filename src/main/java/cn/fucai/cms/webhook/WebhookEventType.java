package cn.fucai.cms.webhook;

/** The events a webhook can subscribe to; {@link #wireName()} is how they are spelled on the wire. */
public enum WebhookEventType {
    ARTICLE_PUBLISHED("article.published"),
    ARTICLE_UPDATED("article.updated"),
    ARTICLE_UNPUBLISHED("article.unpublished"),
    ARTICLE_DELETED("article.deleted"),
    FIGURE_PUBLISHED("figure.published"),
    FIGURE_CORRECTED("figure.corrected");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static WebhookEventType parse(String field, String value) {
        for (WebhookEventType type : values()) {
            if (type.wireName.equals(value)) {
                return type;
            }
        }
        throw new cn.fucai.cms.common.error.InvalidInputException(field, "must be one of article.published, article.updated, "
                + "article.unpublished, article.deleted, figure.published, figure.corrected; was '" + value + "'");
    }
}
