package cn.fucai.cms.common.http;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jboss.resteasy.reactive.RestResponse;

/** Responses that carry a strong ETag, answering conditional GETs with 304. */
public final class Representations {

    /**
     * The HTTP-date of Last-Modified (IMF-fixdate, RFC 9110 5.6.7: {@code Tue, 06 Jan 2026 03:49:00 GMT}), formatted
     * here: given a {@code Date}, Quarkus REST built a {@code SimpleDateFormat} and a calendar for it twice an answer,
     * 4 % of a computed article's CPU (docs/performance.md#cursors-and-instants).
     */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private Representations() {}

    /** {@code lastModified} as the Last-Modified header has it, to the second. */
    public static String httpDate(Instant lastModified) {
        return HTTP_DATE.format(lastModified.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * 200 with the ETag and Last-Modified, or 304 with no body when the client's If-None-Match already names the ETag
     * (or is *), or, without If-None-Match, when If-Modified-Since is not before the last change.
     */
    public static <T> RestResponse<T> ok(HttpHeaders headers, EntityTag etag, Instant lastModified, T entity) {
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        boolean notModified =
                ifNoneMatch != null ? matchesWeakly(ifNoneMatch, etag) : notModifiedSince(headers, lastModified);
        if (notModified) {
            return notModified(etag, lastModified);
        }
        return RestResponse.ResponseBuilder.ok(entity)
                .tag(etag)
                .header(HttpHeaders.LAST_MODIFIED, httpDate(lastModified))
                .build();
    }

    /** 304 with the ETag and Last-Modified, for a conditional GET whose answer is known to match. */
    public static <T> RestResponse<T> notModified(EntityTag etag, Instant lastModified) {
        return RestResponse.ResponseBuilder.<T>notModified(etag)
                .header(HttpHeaders.LAST_MODIFIED, httpDate(lastModified))
                .build();
    }

    private static boolean notModifiedSince(HttpHeaders headers, Instant lastModified) {
        String since = headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE);
        if (since == null) {
            return false;
        }
        try {
            Instant client = ZonedDateTime.parse(since, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(client);
        } catch (DateTimeParseException e) {
            return false; // RFC 9110: an invalid date is ignored
        }
    }

    /** 201 with Location and ETag. */
    public static <T> RestResponse<T> created(URI location, EntityTag etag, T entity) {
        return RestResponse.ResponseBuilder.<T>created(location)
                .entity(entity)
                .tag(etag)
                .build();
    }

    /** 201 Created at {@code location}, for a resource that has no ETag of its own. */
    public static <T> RestResponse<T> created(URI location, T entity) {
        return RestResponse.ResponseBuilder.<T>created(location).entity(entity).build();
    }

    /** The answer to a write that changed a resource: 200 with its new representation and ETag. */
    public static <T> RestResponse<T> written(T entity, EntityTag etag) {
        return RestResponse.ResponseBuilder.ok(entity).tag(etag).build();
    }

    /** If-None-Match uses weak comparison (RFC 9110 13.1.2): W/"x" matches "x". */
    public static boolean matchesWeakly(String header, EntityTag etag) {
        return matchesWeakly(header, "\"" + etag.getValue() + "\"");
    }

    /** The same, for an ETag as its header value ({@code "x"}). */
    public static boolean matchesWeakly(String header, String opaque) {
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(opaque) || tag.equals("W/" + opaque)) {
                return true;
            }
        }
        return false;
    }
}
