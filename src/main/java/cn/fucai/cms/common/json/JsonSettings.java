package cn.fucai.cms.common.json;

import cn.fucai.cms.common.time.DateRange;
import cn.fucai.cms.common.time.InstantText;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * JSON as Chinese readers need it: characters outside the Basic Multilingual Plane (rare CJK ideographs such as 𠀀,
 * emoji) are written as UTF-8 bytes, not as \\uD840\\uDC00 escape pairs, so text round-trips byte for byte; and strings
 * that PostgreSQL cannot store (NUL, lone surrogates) are refused with their field named instead of failing later, and
 * so are dates outside the years the service takes ({@link DateRange}) and decimals that are not strings of digits
 * ({@link DecimalText}).
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    /** After Quarkus's own customizers, so that these deserializers win over the Java time module's. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().configure(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8.mappedFeature(), true);
        mapper.registerModule(new SimpleModule("text-values")
                .addDeserializer(String.class, new TextDeserializer())
                .addDeserializer(BigDecimal.class, new DecimalDeserializer()));
        // every instant an answer shows, written without a DateTimeFormatter (InstantText); the same text as before
        mapper.registerModule(new SimpleModule("instant-text")
                .addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                    @Override
                    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeString(InstantText.format(value));
                    }
                }));
        mapper.registerModule(new SimpleModule("date-range")
                .addDeserializer(
                        LocalDate.class,
                        new BoundedDateDeserializer<>(
                                LocalDate.class, LocalDateDeserializer.INSTANCE, DateRange::problem))
                .addDeserializer(
                        Instant.class,
                        new BoundedDateDeserializer<>(Instant.class, InstantDeserializer.INSTANT, DateRange::problem))
                .addDeserializer(
                        OffsetDateTime.class,
                        new BoundedDateDeserializer<>(
                                OffsetDateTime.class,
                                InstantDeserializer.OFFSET_DATE_TIME,
                                t -> DateRange.problem(t.toInstant()))));
    }
}
