package cn.fucai.cms.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. A secret
 * of the form {@code whsec_<base64>} is used as those bytes, any other secret (from before secrets were checked) as its
 * UTF-8 bytes. While a rotated secret overlaps with its successor, both sign, space-separated, as the standard allows.
 */
public final class WebhookSignature {

    /** The fewest random bytes a client's secret must carry (Standard Webhooks: 24 to 64). */
    static final int MIN_SECRET_BYTES = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {}

    /** A new secret: whsec_ and the base64 of 32 random bytes. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    /** Whether a client's secret is whsec_ and valid base64 of at least {@link #MIN_SECRET_BYTES} bytes. */
    static boolean isStrong(String secret) {
        if (!secret.startsWith("whsec_")) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(secret.substring(6)).length >= MIN_SECRET_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The header value: the signature with the secret, then with the previous one if it still overlaps (may be null). */
    public static String sign(String secret, String previousSecret, String id, long timestamp, String body) {
        String current = sign(secret, id, timestamp, body);
        return previousSecret == null ? current : current + " " + sign(previousSecret, id, timestamp, body);
    }

    public static String sign(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static byte[] key(String secret) {
        return secret.startsWith("whsec_")
                ? Base64.getDecoder().decode(secret.substring(6))
                : secret.getBytes(StandardCharsets.UTF_8);
    }
}
