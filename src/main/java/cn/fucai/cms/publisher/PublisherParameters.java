package cn.fucai.cms.publisher;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.http.TypedParameters;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;

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
        boolean query = Arrays.stream(annotations).anyMatch(QueryParam.class::isInstance);
        if (type != KnownPublisher.class || !query) {
            return null;
        }
        return (ParamConverter<T>) TypedParameters.converter(TypedParameters.nameOf(annotations), this::read);
    }

    private KnownPublisher read(String parameter, String idOrSlug) {
        return queries.idOf(idOrSlug)
                .map(KnownPublisher::new)
                .orElseThrow(() -> new InvalidInputException(parameter, "no publisher " + idOrSlug));
    }
}
