package cn.fucai.cms.sync;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A position in the sync protocol, signed with HMAC-SHA256 so that a forged or damaged cursor is recognised.
 * In the snapshot phase it holds the last item id sent and the feed position the snapshot started at; in the feed
 * phase, the (transaction id, sequence) of the last change sent. It also binds the publisher filter and locale.
 */
record SyncCursor(boolean snapshot, UUID afterItem, String xid, long seq, String query) {

    private static final char SEP = '|';

    static SyncCursor startOfSnapshot(String xmin, String query) {
        return new SyncCursor(true, new UUID(0, 0), xmin, 0, query);
    }

    static SyncCursor feed(String xid, long seq, String query) {
        return new SyncCursor(false, null, xid, seq, query);
    }

    /**
     * The service's cursor key, ready to sign with: an HMAC-SHA256 initialised once and copied for each cursor. Looking
     * the algorithm up and initialising it for every cursor cost a sync page 2.6 % of its CPU.
     */
    static final class Signer {

        private final byte[] key;
        private final Mac initialised;

        Signer(byte[] key) {
            this.key = key.clone();
            this.initialised = newMac(this.key);
        }

        byte[] sign(byte[] data) {
            Mac mac;
            try {
                mac = (Mac) initialised.clone();
            } catch (CloneNotSupportedException e) {
                mac = newMac(key); // a provider whose HMAC cannot be copied
            }
            return mac.doFinal(data);
        }

        private static Mac newMac(byte[] key) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
        }
    }

    String encode(Signer signer) {
        String body = "v1" + SEP + (snapshot ? "snapshot" : "feed") + SEP + (afterItem == null ? "" : afterItem) + SEP
                + xid + SEP + seq + SEP + query;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] signature = Arrays.copyOf(signer.sign(bytes), 16);
        byte[] all = Arrays.copyOf(bytes, bytes.length + signature.length);
        System.arraycopy(signature, 0, all, bytes.length, signature.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    /** The cursor, or 410 when it was not issued by this service for this query. */
    static SyncCursor decode(String encoded, Signer signer, String query) {
        try {
            byte[] all = Base64.getUrlDecoder().decode(encoded);
            if (all.length <= 16) {
                throw invalid();
            }
            byte[] bytes = Arrays.copyOf(all, all.length - 16);
            byte[] signature = Arrays.copyOfRange(all, all.length - 16, all.length);
            if (!MessageDigest.isEqual(signature, Arrays.copyOf(signer.sign(bytes), 16))) {
                throw invalid();
            }
            String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 6 || !parts[0].equals("v1") || !parts[5].equals(query)) {
                throw invalid();
            }
            boolean snapshot = parts[1].equals("snapshot");
            return new SyncCursor(
                    snapshot,
                    snapshot ? UUID.fromString(parts[2]) : null,
                    parts[3],
                    Long.parseLong(parts[4]),
                    parts[5]);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static CursorGoneException invalid() {
        return new CursorGoneException("is not one this service issued for this publisher and locale");
    }
}
