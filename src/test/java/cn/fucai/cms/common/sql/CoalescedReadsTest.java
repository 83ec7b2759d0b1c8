package cn.fucai.cms.common.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Coalesced reads, with real threads and a statement that stands for PostgreSQL: each read gets its own row from a
 * statement that began after it arrived, a read that waits holds no thread, never more statements run at once than
 * allowed, and a failure reaches every read it was for without stopping the reads after it.
 */
class CoalescedReadsTest {

    private static final long PATIENCE_SECONDS = 10;

    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final ExecutorService sharedStatements = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        readers.shutdownNow();
        sharedStatements.shutdownNow();
    }

    @Test
    void aReadAloneIsItsOwnStatementOnItsOwnThread() {
        List<List<String>> statements = Collections.synchronizedList(new ArrayList<>());
        List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
        CoalescedReads<String, String> reads = new CoalescedReads<>(
                rowsOf(statements, keys -> ranOn.add(Thread.currentThread())), sharedStatements, 1, 8);

        assertEquals(Optional.of("row of a"), reads.read("a"));
        CompletableFuture<Optional<String>> again = reads.submit("a");
        assertTrue(again.isDone(), "a read that finds the turn free is answered before submit returns");
        assertEquals(Optional.of("row of a"), again.join());
        assertEquals(Optional.empty(), reads.read("none"));
        assertEquals(List.of(List.of("a"), List.of("a"), List.of("none")), statements, "each read its own statement");
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread(), Thread.currentThread()), ranOn);
    }

    @Test
    void readsArrivingWhileAStatementRunsShareTheNextOneWithoutHoldingAThread() throws Exception {
        List<List<String>> statements = Collections.synchronizedList(new ArrayList<>());
        List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
        Gate gate = new Gate();
        CoalescedReads<String, String> reads = new CoalescedReads<>(
                rowsOf(statements, keys -> {
                    ranOn.add(Thread.currentThread());
                    gate.holdAt("a", keys);
                }),
                sharedStatements,
                1,
                8);

        Future<Optional<String>> a = readers.submit(() -> reads.read("a"));
        gate.awaitHeld();
        // submitted from this one thread: each returns at once, waiting without a thread of its own
        List<CompletableFuture<Optional<String>>> waiting = new ArrayList<>();
        for (String key : List.of("b", "c", "b", "a")) {
            waiting.add(reads.submit(key));
        }
        waiting.forEach(read -> assertFalse(read.isDone(), "answered before its statement"));
        assertEquals(List.of(List.of("a")), statements, "nobody joined the running statement");
        gate.release();

        assertEquals(Optional.of("row of a"), a.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        List<String> answers = new ArrayList<>();
        for (CompletableFuture<Optional<String>> read : waiting) {
            answers.add(read.get(PATIENCE_SECONDS, TimeUnit.SECONDS).orElseThrow());
        }
        assertEquals(List.of("row of b", "row of c", "row of b", "row of a"), answers);
        assertEquals(2, statements.size(), statements.toString());
        assertEquals(List.of("b", "c", "a"), statements.get(1), "the waiting reads' keys, oldest first, each once");
        assertNotEquals(Thread.currentThread(), ranOn.get(1), "the shared statement ran on a thread of its own");
        assertNotEquals(ranOn.get(0), ranOn.get(1), "the first read's thread was not kept for the others");
    }

    @Test
    void moreReadsThanOneStatementTakesAreServedBatchAfterBatch() throws Exception {
        List<List<String>> statements = Collections.synchronizedList(new ArrayList<>());
        Gate gate = new Gate();
        CoalescedReads<String, String> reads = new CoalescedReads<>(
                rowsOf(statements, keys -> {
                    gate.holdAt("first", keys);
                }),
                sharedStatements,
                1,
                8);

        Future<Optional<String>> first = readers.submit(() -> reads.read("first"));
        gate.awaitHeld();
        Map<String, CompletableFuture<Optional<String>>> waiting = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            waiting.put("k" + i, reads.submit("k" + i));
        }
        gate.release();

        assertEquals(Optional.of("row of first"), first.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        for (var read : waiting.entrySet()) {
            assertEquals(
                    Optional.of("row of " + read.getKey()), read.getValue().get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }
        assertEquals(
                List.of(8, 8, 4),
                statements.subList(1, statements.size()).stream()
                        .map(List::size)
                        .toList());
    }

    /**
     * A read's answer is completed in the Vert.x context of the request that made it, where the request's
     * {@code Server-Timing} counts one statement for it: a statement made on the request's own thread is counted where
     * it is prepared (not here, where no JDBC runs); one made elsewhere for reads that waited is counted for each.
     */
    @Test
    void aReadServedOnAnotherThreadCountsOneStatementForItsRequest() throws Exception {
        Gate gate = new Gate();
        CoalescedReads<String, String> reads = new CoalescedReads<>(
                rowsOf(new ArrayList<>(), keys -> {
                    gate.holdAt("a", keys);
                }),
                sharedStatements,
                1,
                8);
        Vertx vertx = Vertx.vertx();
        try {
            Context first = VertxContext.getOrCreateDuplicatedContext(vertx.getOrCreateContext());
            Context second = VertxContext.getOrCreateDuplicatedContext(vertx.getOrCreateContext());
            Future<Optional<String>> a = first.executeBlocking(
                            () -> {
                                StatementCount.begin();
                                return reads.read("a"); // leads: its statement is made on this thread
                            },
                            false)
                    .toCompletionStage()
                    .toCompletableFuture();
            gate.awaitHeld();
            List<CompletableFuture<Optional<String>>> waiting = onContext(second, () -> {
                StatementCount.begin();
                return List.of(reads.submit("b"), reads.submit("c"));
            });
            // what depends on an answer runs in the context of the read's request, as a request resumed there would
            List<CompletableFuture<Context>> answeredIn = waiting.stream()
                    .map(read -> read.thenApply(row -> Vertx.currentContext()))
                    .toList();
            gate.release();
            assertEquals(Optional.of("row of a"), a.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            for (CompletableFuture<Context> context : answeredIn) {
                assertSame(second, context.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            }

            assertEquals(0, onContext(first, StatementCount::current), "the leader's statement is counted by JDBC");
            assertEquals(2, onContext(second, StatementCount::current), "two reads served on another thread");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFailedStatementFailsEachReadItServedAndHandsTheTurnOn() throws Exception {
        List<List<String>> statements = Collections.synchronizedList(new ArrayList<>());
        Gate gate = new Gate();
        IllegalStateException broken = new IllegalStateException("the connection broke");
        CoalescedReads<String, String> reads = new CoalescedReads<>(
                rowsOf(statements, keys -> {
                    gate.holdAt("a", keys);
                    if (keys.contains("broken")) {
                        throw broken;
                    }
                }),
                sharedStatements,
                1,
                8);

        Future<Optional<String>> a = readers.submit(() -> reads.read("a"));
        gate.awaitHeld();
        CompletableFuture<Optional<String>> failed = reads.submit("broken");
        CompletableFuture<Optional<String>> sharedTheFailure = reads.submit("d");
        gate.release();

        assertEquals(Optional.of("row of a"), a.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        for (CompletableFuture<Optional<String>> read : List.of(failed, sharedTheFailure)) {
            ExecutionException thrown =
                    assertThrows(ExecutionException.class, () -> read.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertSame(broken, thrown.getCause());
        }
        // the one turn was given back: a read after the failure runs at once, and a failure is thrown as it was
        assertEquals(Optional.of("row of e"), reads.read("e"));
        assertEquals(List.of("e"), statements.get(statements.size() - 1));
        assertSame(broken, assertThrows(IllegalStateException.class, () -> reads.read("broken")));
    }

    @Test
    void manyThreadsEachGetTheirOwnRowsWithinTheLimits() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        AtomicInteger mostKeys = new AtomicInteger();
        AtomicInteger statements = new AtomicInteger();
        CoalescedReads<String, String> reads = new CoalescedReads<>(
                keys -> {
                    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    mostKeys.accumulateAndGet(keys.size(), Math::max);
                    statements.incrementAndGet();
                    try {
                        LockSupport.parkNanos(50_000);
                        Map<String, String> rows = new HashMap<>();
                        keys.forEach(key -> rows.put(key, "row of " + key));
                        return rows;
                    } finally {
                        running.decrementAndGet();
                    }
                },
                sharedStatements,
                2,
                4);

        List<Future<Integer>> threadsDone = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            int t = thread;
            threadsDone.add(readers.submit(() -> {
                for (int i = 0; i < 1000; i++) {
                    String key = t + "/" + i;
                    assertEquals(Optional.of("row of " + key), reads.read(key));
                }
                return t;
            }));
        }
        for (Future<Integer> done : threadsDone) {
            done.get(60, TimeUnit.SECONDS);
        }
        assertTrue(mostRunning.get() <= 2, "statements at once: " + mostRunning.get());
        assertTrue(mostKeys.get() <= 4, "keys in one statement: " + mostKeys.get());
        assertTrue(statements.get() < 8000, "some reads shared a statement: " + statements.get() + " statements");
    }

    /** Rows "row of <key>" for every key but "none", after {@code during} has run; each statement's keys recorded. */
    private static Function<List<String>, Map<String, String>> rowsOf(
            List<List<String>> statements, Consumer<List<String>> during) {
        return keys -> {
            statements.add(keys);
            during.accept(keys);
            Map<String, String> rows = new HashMap<>();
            keys.stream().filter(key -> !key.equals("none")).forEach(key -> rows.put(key, "row of " + key));
            return rows;
        };
    }

    /** What {@code work} returns, run on a worker thread of this Vert.x context as a request's work is. */
    private static <T> T onContext(Context context, Callable<T> work) throws Exception {
        return context.executeBlocking(work, false)
                .toCompletionStage()
                .toCompletableFuture()
                .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    /** Holds the statement that reads a key until released, so that reads arrive while it runs. */
    private static final class Gate {

        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        void holdAt(String key, List<String> keys) {
            if (keys.contains(key)) {
                held.countDown();
                awaitQuietly(released);
            }
        }

        void awaitHeld() throws InterruptedException {
            assertTrue(held.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the first statement started");
        }

        void release() {
            released.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
