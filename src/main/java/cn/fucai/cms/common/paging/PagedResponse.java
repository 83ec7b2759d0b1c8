package cn.fucai.cms.common.paging;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

/** HTTP rendering of a page: the body plus a {@code Link: <...>; rel="next"} header when there is a next page. */
public final class PagedResponse {

    private PagedResponse() {
    }

    public static <T> RestResponse<Page<T>> ok(Page<T> page, UriInfo uri) {
        RestResponse.ResponseBuilder<Page<T>> response = RestResponse.ResponseBuilder.ok(page);
        if (page.nextCursor() != null) {
            Link next = Link.fromUriBuilder(uri.getRequestUriBuilder().replaceQueryParam("cursor", page.nextCursor()))
                    .rel("next").build();
            response.header(HttpHeaders.LINK, next.toString());
        }
        return response.build();
    }
}
