package cn.fucai.cms.common.http;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.json.TextValues;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses path and query parameters that PostgreSQL could not compare as text, naming the parameter (400). */
public class TextParameterFilter {

    @ServerRequestFilter
    public void rejectUnstorableText(UriInfo uri) {
        for (Map.Entry<String, List<String>> parameter :
                uri.getQueryParameters().entrySet()) {
            check(parameter.getKey(), parameter.getValue());
        }
        for (Map.Entry<String, List<String>> parameter : uri.getPathParameters().entrySet()) {
            check(parameter.getKey(), parameter.getValue());
        }
    }

    private static void check(String name, List<String> values) {
        for (String value : values) {
            String problem = TextValues.problem(value);
            if (problem != null) {
                throw new InvalidInputException(name, problem);
            }
        }
    }
}
