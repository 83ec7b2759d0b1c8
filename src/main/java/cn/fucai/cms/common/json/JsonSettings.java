package cn.fucai.cms.common.json;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * JSON as Chinese readers need it: characters outside the Basic Multilingual Plane (rare CJK ideographs such as 𠀀,
 * emoji) are written as UTF-8 bytes, not as \\uD840\\uDC00 escape pairs, so text round-trips byte for byte; and strings
 * that PostgreSQL cannot store (NUL, lone surrogates) are refused with their field named instead of failing later.
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().configure(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8.mappedFeature(), true);
        mapper.registerModule(new SimpleModule("text-values").addDeserializer(String.class, new TextDeserializer()));
    }
}
