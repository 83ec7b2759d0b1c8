package cn.fucai.cms.sync;

import cn.fucai.cms.common.http.Hashes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;

/** The content hash of a synced item: SHA-256 of its canonical JSON (properties in alphabetical order, no spaces, UTF-8). */
@ApplicationScoped
class CanonicalJson {

    private final ObjectMapper canonical;

    CanonicalJson(ObjectMapper json) {
        this.canonical = json.copy()
                .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    String sha256(Object value) {
        try {
            return Hashes.sha256Hex(canonical.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a synced item is written as JSON", e);
        }
    }
}
