package cn.fucai.cms.publisher;

import cn.fucai.cms.common.error.InvalidInputException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads {@link KnownPublisher} query parameters once: a publisher id or slug that names no publisher is a 400 naming
 * the parameter. (A publisher in the path is the resource itself: its absence is a 404, answered by its service.)
 */
@Provider
public class PublisherParameters implements ParamConverterProvider {

    private final PublisherQueries queries;

    PublisherParameters(PublisherQueries queries) {
        this.queries = queries;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        if (type != KnownPublisher.class) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return (ParamConverter<T>) converter(query.value());
            }
        }
        return null;
    }

    private ParamConverter<KnownPublisher> converter(String parameter) {
        return new ParamConverter<>() {
            @Override
            public KnownPublisher fromString(String idOrSlug) {
                if (idOrSlug == null) {
                    return null;
                }
                return queries.idOf(idOrSlug)
                        .map(KnownPublisher::new)
                        .orElseThrow(() -> new InvalidInputException(parameter, "no publisher " + idOrSlug));
            }

            @Override
            public String toString(KnownPublisher value) {
                return value.id().toString();
            }
        };
    }
}
