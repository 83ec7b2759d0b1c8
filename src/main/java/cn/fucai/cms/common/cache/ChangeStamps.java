package cn.fucai.cms.common.cache;

import cn.fucai.cms.common.change.ContentChanged;
import cn.fucai.cms.common.change.ContentKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stamps for what a feature keeps in memory besides the response cache, kept exact by the same notifications
 * ({@value ResponseCache#CHANNEL}): a stamp moves whenever a notification with its payload arrives and whenever the
 * change listener connects again (anything may have changed while it was away). Read the stamp before reading the
 * database; what was read then still holds while the stamp has not moved. While the listener is not connected there
 * is no stamp, and nothing kept may be trusted.
 */
@ApplicationScoped
public class ChangeStamps {

    /** The payload of a change to an API token that may refuse it (V33). */
    public static final String TOKEN = "token";

    private final AtomicLong tokens = new AtomicLong();
    private volatile boolean listening;

    /** The stamp of changes to API tokens; empty while the listener is not connected. */
    public OptionalLong tokens() {
        long stamp = tokens.get();
        return listening ? OptionalLong.of(stamp) : OptionalLong.empty();
    }

    /** Whether the stamp {@code stamp}, read earlier, still holds. */
    public boolean tokensStillAt(long stamp) {
        return listening && tokens.get() == stamp;
    }

    /** Applies one notification; whether it was one of the payloads stamped here. */
    boolean changed(String payload) {
        if (payload.equals(TOKEN)) {
            tokens.incrementAndGet();
            return true;
        }
        return false;
    }

    /**
     * A token written here moves the stamp as soon as its transaction commits, before the notification comes back:
     * the request that revoked a token is answered after no one here can use it.
     */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentChanged change) {
        if (change.kind() == ContentKind.TOKEN) {
            tokens.incrementAndGet();
        }
    }

    void listening(boolean now) {
        // moved before listening starts, so that nothing read while nobody listened holds after
        tokens.incrementAndGet();
        listening = now;
    }
}
