package cn.fucai.cms.common.replica;

import jakarta.enterprise.context.RequestScoped;

/**
 * Where one request reads: whether it may read from the replica at all (an anonymous read), what it must see, and,
 * once its first connection was opened, the server it keeps reading from, so that its statements never go back in time.
 */
@RequestScoped
public class RequestReads {

    enum Source {
        UNDECIDED,
        PRIMARY,
        REPLICA
    }

    private boolean replicaAllowed;
    private long readAfter;
    private Source source = Source.UNDECIDED;

    /** Lets this request read from the replica once it has replayed {@code readAfter} (0: anything this instance knows). */
    void allowReplica(long readAfter) {
        this.replicaAllowed = true;
        this.readAfter = readAfter;
    }

    boolean replicaAllowed() {
        return replicaAllowed && source != Source.PRIMARY;
    }

    long readAfter() {
        return readAfter;
    }

    Source source() {
        return source;
    }

    void readFrom(Source source) {
        this.source = source;
    }
}
