package cn.fucai.cms.common.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;

/**
 * The route template a request was answered by ({@code /api/v1/articles/{id}}), where RESTEasy Reactive leaves it on
 * the request's Vert.x context and the request log and the HTTP metrics read it: never the path itself, whose ids
 * would make every request a metric of its own.
 */
public final class RouteTemplate {

    private static final String KEY = "UrlPathTemplate";

    private RouteTemplate() {}

    /** The template the request matched; null when no API route did (a 404, a static file). */
    public static String of(HttpServerRequest request) {
        return request instanceof HttpServerRequestInternal internal
                        && internal.context().getLocal(KEY) instanceof String template
                ? template
                : null;
    }

    /** Says which template answered a request that no route of RESTEasy's matched (an answer kept from one that did). */
    public static void set(HttpServerRequest request, String template) {
        if (template != null && request instanceof HttpServerRequestInternal internal) {
            internal.context().putLocal(KEY, template);
        }
    }
}
