package cn.fucai.cms.webhook;

/** The events a webhook can subscribe to; {@link #wireName()} is how they are spelled on the wire. */
public enum WebhookEventType {
    ARTICLE_PUBLISHED("article.published"),
    ARTICLE_UPDATED("article.updated"),
    ARTICLE_UNPUBLISHED("article.unpublished"),
    ARTICLE_DELETED("article.deleted"),
    FIGURE_PUBLISHED("figure.published"),
    /** One event for a whole batch import, naming its figures; webhooks of figure.published receive it too. */
    FIGURE_IMPORTED("figure.imported"),
    FIGURE_CORRECTED("figure.corrected");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The subscriptions that receive this event: its own, and figure.published for a batch import. */
    String[] receivedBy() {
        return this == FIGURE_IMPORTED ? new String[] {wireName, FIGURE_PUBLISHED.wireName} : new String[] {wireName};
    }

    static WebhookEventType parse(String field, String value) {
        for (WebhookEventType type : values()) {
            if (type.wireName.equals(value)) {
                return type;
            }
        }
        throw new cn.fucai.cms.common.error.InvalidInputException(
                field,
                "must be one of article.published, article.updated, "
                        + "article.unpublished, article.deleted, figure.published, figure.imported, figure.corrected; was '"
                        + value + "'");
    }
}
