package cn.fucai.cms.common.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.BlockingOperationControl;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Priorities;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Reads take turns: at most {@link HttpConfig#concurrentReads()} GETs and HEADs of the API are worked on at once, from
 * their first filter to their answer's serialisation; the others wait on their worker thread, parked, first come first
 * served. On two cores, 32 reads worked on at once by 32 threads cost the service up to twice the CPU per read that a
 * pool of 4 threads spends (docs/performance.md); turns cut the tails of the realistic mix, but parking and waking a
 * thread per read costs too, and the whole benchmark served computed reads 10-20 % slower with 4 turns than with no
 * limit: off unless configured. A turn ends when the answer has been serialised, before a streamed body
 * (a media file, a CSV export) goes out, so a slow reader holds none; and in any case when the exchange ends, so no
 * turn is ever lost. Writes never wait for reads: they are few, and may wait on locks, object storage or a password
 * hash, which must not hold readers back. A read on the event loop (a non-blocking operation, or an anonymous read the
 * response cache answers there) never waits.
 */
public class ReadTurns {

    private static final String TURN = "cms.read-turn";

    /** Null when reads are not limited. */
    private final Semaphore turns;

    public ReadTurns(HttpConfig config, MeterRegistry metrics) {
        int limit = config.concurrentReads();
        if (limit < 0) {
            throw new IllegalArgumentException("cms.concurrent-reads must be 0 (no limit) or more, not " + limit);
        }
        this.turns = limit == 0 ? null : new Semaphore(limit, true);
        if (turns != null) {
            // cms_reads_waiting: reads parked for a turn; steadily above zero, the instance is short of CPU
            Gauge.builder("cms.reads.waiting", turns, Semaphore::getQueueLength).register(metrics);
        }
    }

    void install(@Observes Router router) {
        if (turns != null) {
            // after the request log and the checks of host and target (RequestLog.ORDER, + 1)
            router.route().order(RequestLog.ORDER + 2).handler(this::lineUp);
        }
    }

    /**
     * On the event loop, as the request arrives: a read gets a turn to wait for, given back when the exchange ends,
     * whichever way. A handler registered later, on the worker, would miss a client that left while its read waited.
     */
    private void lineUp(RoutingContext http) {
        HttpMethod method = http.request().method();
        if ((method == HttpMethod.GET || method == HttpMethod.HEAD)
                && http.request().path().startsWith("/api/")) {
            Turn turn = new Turn();
            http.put(TURN, turn);
            http.addEndHandler(ended -> turn.end());
        }
        http.next();
    }

    /** On the worker thread, before every other filter that runs there: authorisation, rate limits, the cache. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public void awaitTurn(RoutingContext http) {
        if (http.get(TURN) instanceof Turn turn && BlockingOperationControl.isBlockingAllowed()) {
            turns.acquireUninterruptibly();
            turn.begin();
        }
    }

    // response filters run from the highest priority down: after the caching headers (Priorities.USER) serialised the
    // answer, before the response cache stores it
    @ServerResponseFilter(priority = Priorities.USER - 50)
    public void endTurn(RoutingContext http) {
        if (http.get(TURN) instanceof Turn turn) {
            turn.end();
        }
    }

    /** One read's turn: waited for, held, then ended; ended first (the client left), it is given back at once. */
    private final class Turn {

        private static final int WAITING = 0;
        private static final int HELD = 1;
        private static final int ENDED = 2;

        private final AtomicInteger state = new AtomicInteger(WAITING);

        /** Called with the turn just taken. */
        void begin() {
            if (!state.compareAndSet(WAITING, HELD)) {
                turns.release();
            }
        }

        /** Called when the answer is serialised, and again when the exchange ends: the turn is given back once. */
        void end() {
            if (state.getAndSet(ENDED) == HELD) {
                turns.release();
            }
        }
    }
}
