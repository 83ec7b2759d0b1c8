package cn.fucai.cms.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;

/**
 * Signed preview links: the article, the status it had when the link was made, and when the link expires, signed with
 * HMAC-SHA256 under a key kept in the database (made once, shared by every instance). Any byte changed, and the
 * signature no longer holds; nothing is stored per link.
 */
@ApplicationScoped
class PreviewLinks {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    @Inject
    Jdbi jdbi;

    private volatile byte[] key;

    /** What a link grants: a look at this article while it has this status, until then. */
    record Claim(UUID articleId, ArticleStatus status, Instant expiresAt) {}

    String sign(Claim claim) {
        String payload = claim.articleId() + "." + claim.status().name() + "."
                + claim.expiresAt().getEpochSecond();
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        return B64.encodeToString(bytes) + "." + B64.encodeToString(mac(bytes));
    }

    /** The claim of a link whose signature holds; empty for anything else, expired or not. */
    Optional<Claim> verify(String token) {
        try {
            String[] parts = token.split("\\.", -1);
            if (parts.length != 2) {
                return Optional.empty();
            }
            byte[] payload = B64_DECODER.decode(parts[0]);
            byte[] signature = B64_DECODER.decode(parts[1]);
            // the decoder ignores the unused bits of a last character: only the one spelling of each part counts
            boolean canonical = B64.encodeToString(payload).equals(parts[0])
                    && B64.encodeToString(signature).equals(parts[1]);
            if (!canonical || !MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            String[] fields = new String(payload, StandardCharsets.US_ASCII).split("\\.", -1);
            return Optional.of(new Claim(
                    UUID.fromString(fields[0]),
                    ArticleStatus.valueOf(fields[1]),
                    Instant.ofEpochSecond(Long.parseLong(fields[2]))));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            known = jdbi.withHandle(handle -> {
                handle.createUpdate("""
                                insert into preview_key (id, secret, created_at) values (1, :secret, now())
                                on conflict (id) do nothing""").bind("secret", fresh).execute();
                return handle.createQuery("select secret from preview_key where id = 1")
                        .mapTo(byte[].class)
                        .one();
            });
            key = known;
        }
        return known;
    }
}
