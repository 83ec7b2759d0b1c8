package cn.fucai.cms.account;

import cn.fucai.cms.common.http.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A session's secrets: the cookie holds 256 random bits, the database their SHA-256. The CSRF token is derived from
 * the cookie's secret (HMAC-SHA256), so it needs no storage, and a page that can read it is one the cookie was sent
 * to; a site elsewhere can make the browser send the cookie but cannot read or compute the token.
 */
final class SessionSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private SessionSecrets() {}

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return B64URL.encodeToString(bytes);
    }

    static String hash(String secret) {
        return Hashes.sha256Hex(secret);
    }

    static String csrfToken(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return B64URL.encodeToString(mac.doFinal("csrf".getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether a presented CSRF token is the session's, in time independent of where they differ. */
    static boolean csrfMatches(String secret, String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        csrfToken(secret).getBytes(StandardCharsets.US_ASCII),
                        presented.getBytes(StandardCharsets.US_ASCII));
    }
}
