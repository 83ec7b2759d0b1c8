package cn.fucai.cms.publisher;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.http.TypedParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads {@link KnownPublisher} parameters (publisher filters) once: a publisher id or slug that names no publisher is
 * a 400 naming the parameter. (A publisher in the path is the resource itself, a String whose absence is a 404.)
 */
@Provider
public class PublisherParameters implements ParamConverterProvider {

    @Inject
    PublisherQueries queries;

    @Override
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        return TypedParameters.converterFor(KnownPublisher.class, type, annotations, this::read);
    }

    private KnownPublisher read(String parameter, String idOrSlug, boolean inQuery) {
        return queries.idOf(idOrSlug)
                .map(KnownPublisher::new)
                .orElseThrow(() -> new InvalidInputException(parameter, "no publisher " + idOrSlug));
    }
}
