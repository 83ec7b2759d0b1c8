package cn.fucai.cms.publisher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Fired before a publisher is deleted: each feature that keeps content of publishers counts what the publisher still
 * has live, without this feature knowing their tables. Any count above zero refuses the deletion.
 */
public final class PublisherRemoval {

    private final UUID publisherId;
    private final Map<String, Long> live = new LinkedHashMap<>();

    PublisherRemoval(UUID publisherId) {
        this.publisherId = publisherId;
    }

    public UUID publisherId() {
        return publisherId;
    }

    /** How many {@code what} (plural, as a reader says it) the publisher still has live. */
    public void count(String what, long count) {
        live.merge(what, count, Long::sum);
    }

    Map<String, Long> live() {
        return live;
    }
}
