package cn.fucai.cms.common.change;

import cn.fucai.cms.common.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What readers outside are told of a change: the events a webhook can subscribe to, spelled {@link #wireName()}. */
public enum PublicEvent {
    ARTICLE_PUBLISHED,
    ARTICLE_UPDATED,
    ARTICLE_UNPUBLISHED,
    ARTICLE_DELETED,
    /** An article waits for a reviewer: for a team's own tools, never for mirrors. */
    ARTICLE_REVIEW_REQUESTED,
    FIGURE_PUBLISHED,
    /** One event for a whole batch import, naming its figures; webhooks of figure.published receive it too. */
    FIGURE_IMPORTED,
    FIGURE_CORRECTED,
    /** A figure withdrawn: it leaves lists and totals, and mirrors must drop it. */
    FIGURE_RETRACTED,
    /** An image or PDF that published content now uses: it is public from now on. */
    MEDIA_PUBLISHED,
    /** What describes a public image or PDF changed; its files never change. */
    MEDIA_UPDATED,
    /** No published content uses the item any more: it is no longer public. */
    MEDIA_UNPUBLISHED,
    /** An item of the media library deleted. */
    MEDIA_DELETED;

    /** The name spelled as on the wire: article.published. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replaceFirst("_", ".");
    }

    /** The subscriptions that receive this event: its own, and figure.published for a batch import. */
    public String[] receivedBy() {
        return this == FIGURE_IMPORTED
                ? new String[] {wireName(), FIGURE_PUBLISHED.wireName()}
                : new String[] {wireName()};
    }

    /** The event spelled {@code value}; otherwise a 400 naming {@code field} and listing the events. */
    public static PublicEvent parse(String field, String value) {
        return Arrays.stream(values())
                .filter(type -> type.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        field,
                        "must be one of "
                                + Arrays.stream(values())
                                        .map(PublicEvent::wireName)
                                        .collect(Collectors.joining(", "))
                                + "; was " + InvalidInputException.quoted(value)));
    }
}
