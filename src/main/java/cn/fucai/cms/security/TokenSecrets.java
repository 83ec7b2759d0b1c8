package cn.fucai.cms.security;

import cn.fucai.cms.common.http.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Token secrets: 256 random bits, shown once, stored as their SHA-256. A slow password hash is not needed: the
 * secret is random and long, so its hash cannot be guessed back.
 */
public final class TokenSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PREFIX = "cms_";

    private TokenSecrets() {}

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        return Hashes.sha256Hex(secret);
    }

    /** Compares in time independent of where the strings differ, so that timing reveals nothing. */
    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
