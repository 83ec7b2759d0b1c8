package cn.fucai.cms.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Cursors signed with one initialised HMAC, copied for each: the same signatures, from any number of threads. */
class SyncCursorTest {

    private static final byte[] KEY = "同步游标的密钥 sync cursor key".getBytes(StandardCharsets.UTF_8);
    private static final String QUERY = "publisher=;locale=zh-CN";

    @Test
    void aCursorSignedOnManyThreadsAtOnceCarriesTheHmacOfItsText() throws Exception {
        SyncCursor.Signer signer = new SyncCursor.Signer(KEY);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        SyncCursor cursor = new SyncCursor(true, UUID.randomUUID(), "7" + i, i, QUERY);
                        byte[] all = Base64.getUrlDecoder().decode(cursor.encode(signer));
                        byte[] text = Arrays.copyOf(all, all.length - 16);
                        assertArrayEquals(
                                Arrays.copyOf(hmac(text), 16), Arrays.copyOfRange(all, all.length - 16, all.length));
                        assertEquals(cursor, SyncCursor.decode(cursor.encode(signer), signer, QUERY));
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCursorSignedWithAnotherKeyOrChangedIsGone() {
        SyncCursor cursor = SyncCursor.feed("12345", 7, QUERY);
        String encoded = cursor.encode(new SyncCursor.Signer(KEY));
        SyncCursor.Signer other = new SyncCursor.Signer("another key".getBytes(StandardCharsets.UTF_8));
        assertThrows(CursorGoneException.class, () -> SyncCursor.decode(encoded, other, QUERY));

        byte[] all = Base64.getUrlDecoder().decode(encoded);
        all[3] ^= 1;
        String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(all);
        assertThrows(CursorGoneException.class, () -> SyncCursor.decode(changed, new SyncCursor.Signer(KEY), QUERY));
        assertEquals(cursor, SyncCursor.decode(encoded, new SyncCursor.Signer(KEY), QUERY));
    }

    private static byte[] hmac(byte[] text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return mac.doFinal(text);
    }
}
