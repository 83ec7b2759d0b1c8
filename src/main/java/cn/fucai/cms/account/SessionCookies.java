package cn.fucai.cms.account;

import cn.fucai.cms.common.http.Credentials;
import cn.fucai.cms.common.http.PublicUrl;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), path /, no
 * domain, and over https (CMS_PUBLIC_URL) Secure and named with the {@code __Host-} prefix, which browsers bind to
 * exactly this host. It lives as long as the session may; the server ends it earlier when the session ends.
 */
@ApplicationScoped
class SessionCookies {

    @Inject
    PublicUrl publicUrl;

    /** The Set-Cookie header value that gives the browser a session. */
    String issue(String secret, Duration lifetime) {
        return header(name(), secret, lifetime.toSeconds());
    }

    /** The Set-Cookie header value that makes the browser forget its session cookie. */
    String expire() {
        return header(name(), "", 0);
    }

    /** Tells the browser to drop a cookie of no live session, whichever name it came under. */
    void clear(RoutingContext context) {
        for (String name : new String[] {Credentials.SECURE_SESSION_COOKIE, Credentials.SESSION_COOKIE}) {
            if (context.request().getCookie(name) != null) {
                context.response().headers().add("Set-Cookie", header(name, "", 0));
            }
        }
    }

    private String name() {
        return publicUrl.isHttps() ? Credentials.SECURE_SESSION_COOKIE : Credentials.SESSION_COOKIE;
    }

    private String header(String name, String value, long maxAgeSeconds) {
        boolean secure = name.equals(Credentials.SECURE_SESSION_COOKIE);
        return name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
