package cn.fucai.cms.common.paging;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * HTTP rendering of a page: the body plus a {@code Link: <...>; rel="next"} header when there is a next page. The link
 * is a relative reference (RFC 8288 allows it), the request's own path and query with the next cursor: nothing in it
 * comes from the Host header, so a cached page can never send readers elsewhere.
 */
public final class PagedResponse {

    private PagedResponse() {}

    public static <T> RestResponse<Page<T>> ok(Page<T> page, UriInfo uri) {
        RestResponse.ResponseBuilder<Page<T>> response = RestResponse.ResponseBuilder.ok(page);
        if (page.nextCursor() != null) {
            URI absolute = uri.getRequestUriBuilder()
                    .replaceQueryParam("cursor", page.nextCursor())
                    .build();
            Link next = Link.fromUri(URI.create(absolute.getRawPath() + "?" + absolute.getRawQuery()))
                    .rel("next")
                    .build();
            response.header(HttpHeaders.LINK, next.toString());
        }
        return response.build();
    }
}
