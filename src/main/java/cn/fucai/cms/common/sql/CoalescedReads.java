package cn.fucai.cms.common.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Reads of one row by key, at most {@code maxRunning} statements at once: a read that finds that many running waits,
 * and the reads that waited share the next statement, up to {@code maxKeys} keys in one. A read never joins a statement
 * that is already running, so it is answered from a statement that began after it arrived: it sees every write that
 * committed before it did, as a statement of its own would.
 * <p>
 * What it saves is the round trip and the statement's fixed cost, which on a cheap read are most of it: PostgreSQL
 * reads 8 ids in one statement about six times as fast as in eight (docs/performance.md#coalesced-reads). Each read
 * waits on its own thread, as it would for a connection; a statement's failure is thrown in each thread it served.
 * Statements count towards the request of each read they serve ({@link StatementCount}).
 */
public final class CoalescedReads<K, V> {

    private enum Turn {
        WAIT,
        LEAD,
        DONE
    }

    /** One read: filled by the statement that serves it, then told DONE; or told to LEAD one itself. */
    private static final class Read<K, V> {

        final K key;
        final Thread thread = Thread.currentThread();
        volatile Turn turn = Turn.WAIT;
        V row;
        Throwable failure;

        Read(K key) {
            this.key = key;
        }
    }

    private final Function<List<K>, Map<K, V>> readAll;
    private final int maxRunning;
    private final int maxKeys;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Read<K, V>> waiting = new ArrayDeque<>();
    private int running;

    /**
     * @param readAll one statement reading the rows of these keys, by key; keys of no row are left out
     * @param maxRunning statements running at once, at least one
     * @param maxKeys keys in one statement, at least one
     */
    public CoalescedReads(Function<List<K>, Map<K, V>> readAll, int maxRunning, int maxKeys) {
        if (maxRunning < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("at least one statement of at least one key");
        }
        this.readAll = readAll;
        this.maxRunning = maxRunning;
        this.maxKeys = maxKeys;
    }

    /** The row of this key, from a statement that began after this call did; empty when there is none. */
    public Optional<V> read(K key) {
        Read<K, V> read = new Read<>(key);
        lock.lock();
        try {
            if (running < maxRunning) {
                running++;
                read.turn = Turn.LEAD;
            } else {
                waiting.add(read);
            }
        } finally {
            lock.unlock();
        }
        awaitTurn(read);
        if (read.turn == Turn.LEAD) {
            lead(read);
        } else {
            StatementCount.increment();
        }
        if (read.failure instanceof RuntimeException e) {
            throw e;
        }
        if (read.failure instanceof Error e) {
            throw e;
        }
        return Optional.ofNullable(read.row);
    }

    /** Parks until the read is told to lead or is served; an interrupt is kept for the caller, not acted on. */
    private void awaitTurn(Read<K, V> read) {
        boolean interrupted = false;
        while (read.turn == Turn.WAIT) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs one statement for the leader and the reads waiting when it starts, then hands the turn to the next read
     * waiting (or gives it up) before telling each read of its row.
     */
    private void lead(Read<K, V> leader) {
        List<Read<K, V>> served = new ArrayList<>();
        served.add(leader);
        lock.lock();
        try {
            while (served.size() < maxKeys && !waiting.isEmpty()) {
                served.add(waiting.poll());
            }
        } finally {
            lock.unlock();
        }
        Set<K> keys = new LinkedHashSet<>();
        served.forEach(read -> keys.add(read.key));
        Map<K, V> rows = Map.of();
        Throwable failure = null;
        try {
            rows = readAll.apply(List.copyOf(keys));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        Read<K, V> next;
        lock.lock();
        try {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            next.turn = Turn.LEAD;
            LockSupport.unpark(next.thread);
        }
        for (Read<K, V> read : served) {
            read.row = failure == null ? rows.get(read.key) : null;
            read.failure = failure;
            if (read != leader) {
                read.turn = Turn.DONE;
                LockSupport.unpark(read.thread);
            }
        }
    }
}
