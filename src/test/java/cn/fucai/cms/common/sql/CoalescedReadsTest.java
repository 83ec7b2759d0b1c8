package cn.fucai.cms.common.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * statement that began after it arrived, never more statements run at once than allowed, and a failure reaches every
 * read it was for without stopping the reads after it.
 */
class CoalescedReadsTest {

    private static final long PATIENCE_SECONDS = 10;

    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final Map<String, Thread> threads = Collections.synchronizedMap(new HashMap<>());

    @AfterEach
    void stopReaders() {
        readers.shutdownNow();
    }

    @Test
    void aReadAloneIsItsOwnStatement() {
        List<List<String>> statements = Collections.synchronizedList(new ArrayList<>());
        CoalescedReads<String, String> reads = new CoalescedReads<>(rowsOf(statements, keys -> {}), 1, 8);

        assertEquals(Optional.of("row of a"), reads.read("a"));
        assertEquals(Optional.of("row of a"), reads.read("a"));
        assertEquals(Optional.empty(), reads.read("none"));
        assertEquals(List.of(List.of("a"), List.of("a"), List.of("none")), statements, "each read its own statement");
    }

    @Test
    void readsArrivingWhileAStatementRunsShareTheNextOneAndNeverJoinTheRunningOne() throws Exception {
        List<List<String>> statements = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CoalescedReads<String, String> reads = new CoalescedReads<>(
                rowsOf(statements, keys -> {
                    if (keys.contains("a")) {
                        firstStarted.countDown();
                        awaitQuietly(releaseFirst);
                    }
                }),
                1,
                8);

        Future<Optional<String>> a = read(reads, "a");
        assertTrue(firstStarted.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the first statement started");
        Future<Optional<String>> b = read(reads, "b");
        Future<Optional<String>> c = read(reads, "c");
        Future<Optional<String>> alsoB = read(reads, "b", "b again");
        Future<Optional<String>> alsoA = read(reads, "a", "a again");
        awaitWaiting(reads, "b", "c", "b again", "a again");
        assertEquals(List.of(List.of("a")), statements, "nobody joined the running statement");
        releaseFirst.countDown();

        assertEquals(Optional.of("row of a"), a.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(Optional.of("row of b"), b.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(Optional.of("row of c"), c.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(Optional.of("row of b"), alsoB.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(Optional.of("row of a"), alsoA.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(2, statements.size(), statements.toString());
        assertEquals(Set.of("a", "b", "c"), Set.copyOf(statements.get(1)), "a read of a key being read waits too");
        assertEquals(3, statements.get(1).size(), "a key read twice is asked for once");
    }

    @Test
    void aFailedStatementFailsEachReadItServedAndHandsTheTurnOn() throws Exception {
        List<List<String>> statements = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        IllegalStateException broken = new IllegalStateException("the connection broke");
        CoalescedReads<String, String> reads = new CoalescedReads<>(
                rowsOf(statements, keys -> {
                    if (keys.contains("a")) {
                        firstStarted.countDown();
                        awaitQuietly(releaseFirst);
                    }
                    if (keys.contains("broken")) {
                        throw broken;
                    }
                }),
                1,
                8);

        Future<Optional<String>> a = read(reads, "a");
        assertTrue(firstStarted.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the first statement started");
        Future<Optional<String>> failed = read(reads, "broken");
        Future<Optional<String>> sharedTheFailure = read(reads, "d");
        awaitWaiting(reads, "broken", "d");
        releaseFirst.countDown();

        assertEquals(Optional.of("row of a"), a.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        for (Future<Optional<String>> read : List.of(failed, sharedTheFailure)) {
            ExecutionException thrown =
                    assertThrows(ExecutionException.class, () -> read.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertSame(broken, thrown.getCause());
        }
        // the one turn was given back: a read after the failure runs at once
        assertEquals(Optional.of("row of e"), read(reads, "e").get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(List.of("e"), statements.get(statements.size() - 1));
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

    private Future<Optional<String>> read(CoalescedReads<String, String> reads, String key) {
        return read(reads, key, key);
    }

    /** A read of {@code key} in a thread of its own, known to {@link #awaitWaiting} by {@code name}. */
    private Future<Optional<String>> read(CoalescedReads<String, String> reads, String key, String name) {
        return readers.submit(() -> {
            threads.put(name, Thread.currentThread());
            return reads.read(key);
        });
    }

    /** Until the named reads are parked waiting for their turn on {@code reads}. */
    private void awaitWaiting(CoalescedReads<String, String> reads, String... names) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        for (String name : names) {
            while (threads.get(name) == null || LockSupport.getBlocker(threads.get(name)) != reads) {
                assertTrue(System.nanoTime() < deadline, name + " is waiting");
                Thread.sleep(1);
            }
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
