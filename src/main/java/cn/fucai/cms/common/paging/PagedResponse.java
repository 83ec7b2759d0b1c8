package cn.fucai.cms.common.paging;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * HTTP rendering of a page: the body plus a {@code Link: <...>; rel="next"} header when there is a next page. The link
 * is a relative reference (RFC 8288 allows it), the request's own path and query with the next cursor: nothing in it
 * comes from the Host header, so a cached page can never send readers elsewhere.
 */
public final class PagedResponse {

    private PagedResponse() {}

    public static <T> RestResponse<Page<T>> ok(Page<T> page, UriInfo uri) {
        return ok(page, page.nextCursor(), uri);
    }

    /** A page in a shape of its own (its items written ahead), whose next page starts at {@code nextCursor}. */
    public static <B> RestResponse<B> ok(B body, String nextCursor, UriInfo uri) {
        RestResponse.ResponseBuilder<B> response = RestResponse.ResponseBuilder.ok(body);
        if (nextCursor != null) {
            URI request = uri.getRequestUri();
            response.header(HttpHeaders.LINK, nextLink(request.getRawPath(), request.getRawQuery(), nextCursor));
        }
        return response.build();
    }

    /**
     * The query as the client wrote it, each of its parameters in their order and encoding, without any {@code cursor},
     * then the next one. Written out rather than through a {@code UriBuilder} and a {@code Link}, which parsed and
     * rebuilt the URI twice and cost a list page 4 % of its CPU.
     */
    static String nextLink(String rawPath, String rawQuery, String cursor) {
        StringBuilder link = new StringBuilder(96).append('<').append(rawPath).append('?');
        if (rawQuery != null) {
            for (String parameter : rawQuery.split("&")) {
                if (!parameter.isEmpty() && !parameter.equals("cursor") && !parameter.startsWith("cursor=")) {
                    link.append(parameter).append('&');
                }
            }
        }
        return link.append("cursor=")
                .append(URLEncoder.encode(cursor, StandardCharsets.UTF_8))
                .append(">; rel=\"next\"")
                .toString();
    }
}
