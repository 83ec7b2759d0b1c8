package cn.fucai.cms.region;

import cn.fucai.cms.common.error.InvalidInputException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
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

    private final Regions regions;

    RegionParameters(Regions regions) {
        this.regions = regions;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        if (type != RegionCode.class) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return (ParamConverter<T>) converter(query.value(), true);
            }
            if (annotation instanceof PathParam path) {
                return (ParamConverter<T>) converter(path.value(), false);
            }
        }
        return null;
    }

    private ParamConverter<RegionCode> converter(String parameter, boolean mustExist) {
        return new ParamConverter<>() {
            @Override
            public RegionCode fromString(String value) {
                if (value == null) {
                    return null;
                }
                String code = Region.requireWellFormed(value, parameter);
                if (mustExist && regions.find(code).isEmpty()) {
                    throw new InvalidInputException(parameter, "unknown region code " + code);
                }
                return new RegionCode(code);
            }

            @Override
            public String toString(RegionCode value) {
                return value.value();
            }
        };
    }
}
