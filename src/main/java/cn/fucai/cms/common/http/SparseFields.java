package cn.fucai.cms.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.RequestScoped;

/**
 * The fieldset this request asked for, checked by its resource ({@link #select}) and applied by
 * {@link CachingHeaders} when it writes the body: of a page, each item keeps the selected properties (of a sync page,
 * each item's article, {@link #selectWithin}); otherwise the one resource does. Nothing else of the body changes, so paging and sync stay
 * whole. The response cache keys by the query string, so a sparse answer is cached apart from the full one.
 */
@RequestScoped
public class SparseFields {

    private FieldSet selected;
    private String within;

    /** Keeps {@code fields} of {@code representation} in this request's answer; null keeps everything. */
    public FieldSet select(FieldSet fields, Class<? extends Record> representation) {
        selected = fields == null ? null : fields.of(representation);
        return selected;
    }

    /**
     * Keeps {@code fields} of the object each page item holds as {@code property} (a sync item's article); the items
     * keep everything else, and an item without that object stays whole.
     */
    public void selectWithin(String property, FieldSet fields, Class<? extends Record> representation) {
        select(fields, representation);
        within = property;
    }

    boolean any() {
        return selected != null;
    }

    /** Prunes the body in place. */
    void apply(JsonNode body) {
        JsonNode items = body.get("items");
        if (items == null || !items.isArray()) {
            retain(body);
            return;
        }
        for (JsonNode item : items) {
            if (within == null) {
                retain(item);
            } else if (item.get(within) != null) {
                retain(item.get(within));
            }
        }
    }

    private void retain(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.retain(selected.names());
        }
    }
}
