package cn.fucai.cms.common.http;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import org.jboss.resteasy.reactive.RestResponse;

/** Responses that carry a strong ETag, answering conditional GETs with 304. */
public final class Representations {

    private Representations() {
    }

    /** 200 with the ETag, or 304 with no body when the client's If-None-Match already names it (or is *). */
    public static <T> RestResponse<T> ok(HttpHeaders headers, EntityTag etag, T entity) {
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matchesWeakly(ifNoneMatch, etag)) {
            return RestResponse.ResponseBuilder.<T>notModified(etag).build();
        }
        return RestResponse.ResponseBuilder.ok(entity).tag(etag).build();
    }

    /** 201 with Location and ETag. */
    public static <T> RestResponse<T> created(URI location, EntityTag etag, T entity) {
        return RestResponse.ResponseBuilder.<T>created(location).entity(entity).tag(etag).build();
    }

    /** If-None-Match uses weak comparison (RFC 9110 13.1.2): W/"x" matches "x". */
    private static boolean matchesWeakly(String header, EntityTag etag) {
        String opaque = "\"" + etag.getValue() + "\"";
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(opaque) || tag.equals("W/" + opaque)) {
                return true;
            }
        }
        return false;
    }
}
