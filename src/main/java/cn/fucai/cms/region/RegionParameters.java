package cn.fucai.cms.region;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.http.TypedParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads {@link RegionCode} parameters once, with a 400 naming the parameter: a code in the path must be six digits
 * (a well-formed code of no region is the 404 of its resource); a code in a query filter must also be a region's.
 */
@Provider
public class RegionParameters implements ParamConverterProvider {

    @Inject
    Regions regions;

    @Override
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        return TypedParameters.converterFor(RegionCode.class, type, annotations, this::read);
    }

    private RegionCode read(String parameter, String value, boolean inQuery) {
        String code = Region.requireWellFormed(value, parameter);
        if (inQuery && regions.find(code).isEmpty()) {
            throw new InvalidInputException(parameter, "unknown region code " + code);
        }
        return new RegionCode(code);
    }
}
