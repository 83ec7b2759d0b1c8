package cn.fucai.cms.common.http;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.paging.Limit;
import cn.fucai.cms.common.paging.SortKey;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Query, path and header parameters arrive typed: a resource takes a {@link UUID}, a {@link Boolean} (true or false,
 * nothing else), a {@link LocalDate}, an
 * {@link Instant} (an RFC 3339 moment, or the start of a plain date's day in China), an {@link UpperBound} (the end of
 * that day), a BCP 47 {@link Locale}, a page's {@link Limit}, an If-Match header as a {@link VersionPrecondition}, a
 * sort order ({@link SortKey}) or another {@link WireEnum} by its wire name, or any other enum by its name. A value
 * that does not parse is a 400 that names the parameter; resources and services never see the text. Features read
 * their own types the same way (region codes, publishers named in filters).
 * <p>
 * JAX-RS answers 404 when a converter fails; the exception it wraps is this converter's {@link InvalidInputException},
 * which {@code ProblemMappers} unwraps into the 400.
 */
@Provider
public class TypedParameters implements ParamConverterProvider {

    /** The exclusive end of an inclusive upper bound: just after a moment, or the start of the day after a date. */
    @Schema(type = SchemaType.STRING, description = "An RFC 3339 timestamp, or a date meaning that whole day")
    public record UpperBound(Instant exclusive) {}

    /** How each common type is read from a parameter's name and text. */
    private static final Map<Class<?>, BiFunction<String, String, ?>> PARSERS = Map.ofEntries(
            Map.entry(UUID.class, QueryParams::uuid),
            Map.entry(Boolean.class, QueryParams::bool),
            Map.entry(Integer.class, QueryParams::integer),
            Map.entry(LocalDate.class, QueryParams::date),
            Map.entry(Instant.class, QueryParams::startOfDay),
            Map.entry(Locale.class, QueryParams::languageTag),
            Map.entry(FieldSet.class, FieldSet::parse),
            Map.entry(Limit.class, Limit::parse),
            Map.entry(VersionPrecondition.class, (parameter, value) -> VersionPrecondition.fromIfMatch(value)),
            Map.entry(UpperBound.class, (parameter, value) -> new UpperBound(QueryParams.endOfDay(parameter, value))),
            Map.entry(Duration.class, QueryParams::duration));

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        if (name == null) {
            return null;
        }
        BiFunction<String, String, ?> parse = PARSERS.get(type);
        if (parse != null) {
            return (ParamConverter<T>) converter(name, parse);
        }
        if (type.isEnum() && WireEnum.class.isAssignableFrom(type)) {
            // a blank sort is the default order, as an absent one is
            boolean sort = SortKey.class.isAssignableFrom(type);
            return (ParamConverter<T>) converter(
                    name,
                    (parameter, value) ->
                            sort && value.isBlank() ? null : WireEnum.named((Class) type, parameter, value));
        }
        if (type.isEnum()) {
            return (ParamConverter<T>)
                    converter(name, (parameter, value) -> QueryParams.enumValue((Class) type, parameter, value));
        }
        return null;
    }

    /** The name of the query, path or header parameter these annotations declare; null for anything else. */
    public static String nameOf(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
            if (annotation instanceof HeaderParam header) {
                return header.value();
            }
        }
        return null;
    }

    /** How a feature reads its own parameter type: from the parameter's name, its text and whether it is a filter. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(String parameter, String value, boolean inQuery);
    }

    /**
     * For a feature's {@link ParamConverterProvider}: a converter when {@code type} is {@code own}, else null (another
     * provider's type).
     */
    @SuppressWarnings("unchecked")
    public static <T> ParamConverter<T> converterFor(
            Class<?> own, Class<T> type, Annotation[] annotations, Reader<?> reader) {
        String name = nameOf(annotations);
        if (type != own || name == null) {
            return null;
        }
        boolean inQuery = Arrays.stream(annotations).anyMatch(QueryParam.class::isInstance);
        return (ParamConverter<T>) converter(name, (parameter, value) -> reader.read(parameter, value, inQuery));
    }

    /** A converter that reads a value with {@code parse(name, text)}; an absent value stays null. */
    public static <T> ParamConverter<T> converter(String name, BiFunction<String, String, T> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                return value == null ? null : parse.apply(name, value);
            }

            @Override
            public String toString(T value) {
                return value.toString();
            }
        };
    }
}
