package cn.fucai.cms.common.sql;

import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Reads of one row by key, at most {@code maxRunning} statements at once: a read that finds that many running waits,
 * and the reads that waited share the next statement, up to {@code maxKeys} keys in one. A read never joins a statement
 * that is already running, so it is answered from a statement that began after it arrived: it sees every write that
 * committed before it did, as a statement of its own would.
 * <p>
 * What it saves is the round trip and the statement's fixed cost, which on a cheap read are most of it: PostgreSQL
 * reads 8 ids in one statement about six times as fast as in eight (docs/performance.md#coalesced-reads). A read that
 * finds a turn free runs its statement on its own thread, at once; the statements of reads that waited run on
 * {@code statements}, and a waiting read holds no thread ({@link #submit}) unless its caller chooses to wait
 * ({@link #read}). A statement's failure reaches each read it served. Each answer is completed with the Vert.x context
 * of the request that made the read, whichever thread ran the statement, and counts as one statement of that request
 * ({@link StatementCount}).
 */
public final class CoalescedReads<K, V> {

    /** One read: the Vert.x context it arrived on (its request's; null outside one), and the answer to complete there. */
    private static final class Read<K, V> {

        final K key;
        final ContextInternal context = (ContextInternal) Vertx.currentContext();
        final CompletableFuture<Optional<V>> answer = new CompletableFuture<>();

        Read(K key) {
            this.key = key;
        }
    }

    private final Function<List<K>, Map<K, V>> readAll;
    private final Executor statements;
    private final int maxRunning;
    private final int maxKeys;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Read<K, V>> waiting = new ArrayDeque<>();
    private int running;

    /**
     * @param readAll one statement reading the rows of these keys, by key; keys of no row are left out
     * @param statements where the statements of reads that waited run, on a thread of no request
     * @param maxRunning statements running at once, at least one
     * @param maxKeys keys in one statement, at least one
     */
    public CoalescedReads(Function<List<K>, Map<K, V>> readAll, Executor statements, int maxRunning, int maxKeys) {
        if (maxRunning < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("at least one statement of at least one key");
        }
        this.readAll = readAll;
        this.statements = statements;
        this.maxRunning = maxRunning;
        this.maxKeys = maxKeys;
    }

    /**
     * The row of this key, from a statement that began after this call did; empty when there is none. With a turn
     * free, the statement runs on this thread before this returns; otherwise this returns at once, and the answer is
     * completed later on the thread that runs the shared statement (so what depends on it should not block).
     */
    public CompletableFuture<Optional<V>> submit(K key) {
        Read<K, V> read = new Read<>(key);
        boolean lead;
        lock.lock();
        try {
            waiting.add(read);
            lead = running < maxRunning;
            if (lead) {
                running++;
            }
        } finally {
            lock.unlock();
        }
        if (lead) {
            lead(read);
        }
        return read.answer;
    }

    /** {@link #submit}, waiting on this thread for the answer; a statement's failure is thrown here as it was. */
    public Optional<V> read(K key) {
        try {
            return submit(key).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw e;
        }
    }

    /**
     * One statement on this thread for this read and those waiting with it (counted here as this thread's own), then
     * the turn goes to {@code statements} if more wait, else is given up.
     */
    private void lead(Read<K, V> leader) {
        List<Read<K, V>> batch;
        lock.lock();
        try {
            batch = next();
        } finally {
            lock.unlock();
        }
        if (!batch.isEmpty()) { // empty when another turn, starting with this one, took this read too
            serve(batch, leader);
        }
        boolean more;
        lock.lock();
        try {
            more = !waiting.isEmpty();
            if (!more) {
                running--;
            }
        } finally {
            lock.unlock();
        }
        if (more) {
            try {
                statements.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drain(); // shutting down: what waits is still answered
            }
        }
    }

    /** Statements for the reads waiting, batch after batch, until none waits; then the turn is given up. */
    private void drain() {
        while (true) {
            List<Read<K, V>> batch;
            lock.lock();
            try {
                batch = next();
                if (batch.isEmpty()) {
                    running--;
                    return;
                }
            } finally {
                lock.unlock();
            }
            serve(batch, null);
        }
    }

    /** The reads of the next statement, oldest first; the lock is held. */
    private List<Read<K, V>> next() {
        List<Read<K, V>> batch = new ArrayList<>();
        while (batch.size() < maxKeys && !waiting.isEmpty()) {
            batch.add(waiting.poll());
        }
        return batch;
    }

    /** One statement for these reads; {@code counted}, if any, made it on its own thread, where it was counted. */
    private void serve(List<Read<K, V>> batch, Read<K, V> counted) {
        Set<K> keys = new LinkedHashSet<>();
        batch.forEach(read -> keys.add(read.key));
        Map<K, V> rows;
        try {
            rows = readAll.apply(List.copyOf(keys));
        } catch (RuntimeException | Error failure) {
            batch.forEach(read -> answer(read, counted, null, failure));
            return;
        }
        batch.forEach(read -> answer(read, counted, rows.get(read.key), null));
    }

    /**
     * Completes the read's answer with its own request's Vert.x context current on this thread, whichever thread this
     * is: what depends on the answer runs there (Quarkus REST resumes the request on a worker of that context), and the
     * statement is counted for that request unless it was made on its own thread and counted there.
     */
    private static <K, V> void answer(Read<K, V> read, Read<K, V> counted, V row, Throwable failure) {
        Runnable answer = () -> {
            if (read != counted) {
                StatementCount.increment();
            }
            if (failure == null) {
                read.answer.complete(Optional.ofNullable(row));
            } else {
                read.answer.completeExceptionally(failure);
            }
        };
        if (read.context == null) {
            answer.run();
        } else {
            read.context.dispatch(answer);
        }
    }
}
