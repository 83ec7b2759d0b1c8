package cn.fucai.cms.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** How content stores a reference to the library ({@link ImageRef}, {@link DocumentRef}): JSON in a jsonb column. */
final class StoredJson {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private StoredJson() {}

    static String write(Object reference) {
        try {
            return JSON.writeValueAsString(reference);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a media reference is written as JSON", e);
        }
    }

    /** The reference stored as {@code json}; null stays null. */
    static <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored media reference is not JSON: " + json, e);
        }
    }
}
