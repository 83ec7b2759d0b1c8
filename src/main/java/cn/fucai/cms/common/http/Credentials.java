package cn.fucai.cms.common.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * What a request presents to say who it is: an API token ({@code Authorization: Bearer}) or the cookie of a signed-in
 * session. A request that presents either is never served from or stored in a shared cache, valid or not.
 */
public final class Credentials {

    /** The session cookie over plain http (local use); {@link #SECURE_SESSION_COOKIE} over https. */
    public static final String SESSION_COOKIE = "cms-session";

    /** The session cookie over https: the {@code __Host-} prefix binds it to this host, path / and Secure. */
    public static final String SECURE_SESSION_COOKIE = "__Host-cms-session";

    private Credentials() {}

    public static boolean presented(ContainerRequestContext request) {
        return request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || request.getCookies().containsKey(SESSION_COOKIE)
                || request.getCookies().containsKey(SECURE_SESSION_COOKIE);
    }

    /** The same for the HTTP request itself, where no JAX-RS context is at hand. */
    public static boolean presented(HttpServerRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null || sessionCookie(request) != null;
    }

    /** The session cookie's value, the secure one first; null when there is none. */
    public static String sessionCookie(HttpServerRequest request) {
        var secure = request.getCookie(SECURE_SESSION_COOKIE);
        if (secure != null) {
            return secure.getValue();
        }
        var plain = request.getCookie(SESSION_COOKIE);
        return plain == null ? null : plain.getValue();
    }
}
