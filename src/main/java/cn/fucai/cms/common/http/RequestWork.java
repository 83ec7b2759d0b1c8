package cn.fucai.cms.common.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/** Work for the current HTTP request that is run later, on another thread. */
public final class RequestWork {

    private RequestWork() {}

    /**
     * An executor that runs work on a worker thread in this request's Vert.x context, where its SQL statements are
     * counted ({@code Server-Timing}). While the request waits for an answer its CDI request scope is not active there,
     * so the work must not need it (nor the caller's identity). Work given on a thread of that context, or outside a
     * request, runs where it is given.
     */
    public static Executor onThisRequest() {
        Context request = Vertx.currentContext();
        if (request == null) {
            return Runnable::run;
        }
        return work -> {
            if (Vertx.currentContext() == request) {
                work.run();
            } else {
                request.executeBlocking(
                        () -> {
                            work.run();
                            return null;
                        },
                        false);
            }
        };
    }
}
