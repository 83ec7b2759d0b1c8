package cn.fucai.cms.common.sql;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SQL statements of the current HTTP request, counted where they are prepared (plain JDBC and Hibernate alike),
 * kept on the request's Vert.x context so that it follows the request from thread to thread. Work outside a request
 * (the webhook dispatcher, start-up) is not counted.
 */
public final class StatementCount {

    private static final String KEY = "cms.sql.statements";

    private StatementCount() {}

    /** Starts counting for the request on this context. */
    public static void begin() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(KEY, new AtomicInteger());
        }
    }

    static void increment() {
        AtomicInteger count = counter();
        if (count != null) {
            count.incrementAndGet();
        }
    }

    /** Statements of this request so far; -1 outside a counted request. */
    public static int current() {
        AtomicInteger count = counter();
        return count == null ? -1 : count.get();
    }

    private static AtomicInteger counter() {
        Context context = Vertx.currentContext();
        return context == null ? null : context.getLocal(KEY);
    }
}
