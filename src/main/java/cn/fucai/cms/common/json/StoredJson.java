package cn.fucai.cms.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How an entity keeps a small value record in a jsonb column (a media reference, a scheduled release): written and
 * read here, instants as RFC 3339 text, so that the column reads as the API shows the value.
 */
public final class StoredJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private StoredJson() {}

    public static String write(Object reference) {
        try {
            return JSON.writeValueAsString(reference);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored value is written as JSON", e);
        }
    }

    /** The value stored as {@code json}; null stays null. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored value is not JSON: " + json, e);
        }
    }
}
