package cn.fucai.cms.common.replica;

import cn.fucai.cms.common.replica.RequestReads.Source;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleCallbackDecorator;
import org.jdbi.v3.core.Jdbi;

/**
 * Where each connection of hand-written SQL comes from: the primary, or the streaming replica (the datasource named
 * {@code replica}) for an anonymous read outside any transaction. Hibernate's entities always use the primary: a
 * persistence unit has one datasource, and what is read as an entity is mostly read to be written.
 * <p>
 * A read goes to the replica only when the replica has replayed everything it must see: the changes this instance was
 * told of (its own commits, and every change notification, which the listener turns into the primary's position
 * before the response cache drops what they touched — so an answer computed from the replica and cached is never
 * older than a change the cache already applied) and the position the client asked for in {@code Read-After}. When
 * the replica's last known position is below that, it is read again on the connection the request will use (a round
 * trip only after a change); when the replica is behind for longer than {@link ReplicaConfig#maxWait()}, or does not
 * answer, the request reads from the primary. While the change listener is disconnected, nothing tells this instance
 * what the replica must have replayed: every read goes to the primary.
 */
@ApplicationScoped
public class ReadRouting implements ConnectionFactory {

    /**
     * The server's position: what a standby has replayed; what a primary has flushed, which covers every transaction
     * that has committed, as a commit waits for its flush. Only where commits do not wait
     * ({@code synchronous_commit = off}, read as this session sees it, which is how the service's writers see it) is it
     * what a primary has written, flushed or not: a replica reaches that only after the WAL writer's next flush (up to
     * {@code wal_writer_delay}, 200 ms), so with commits that wait, most reads after a change would give up waiting.
     */
    static final String POSITION = "select coalesce(case when pg_is_in_recovery() then pg_last_wal_replay_lsn()"
            + " when current_setting('synchronous_commit') = 'off' then pg_current_wal_insert_lsn()"
            + " else pg_current_wal_flush_lsn() end - '0/0'::pg_lsn, 0)::bigint";

    private static final Logger LOG = Logger.getLogger(ReadRouting.class);
    private static final long POLL_MILLIS = 2;
    private static final long POSITION_PATIENCE_MILLIS = 3000;

    private final AgroalDataSource primary;
    private final AgroalDataSource replica;
    private final TransactionManager transactions;
    private final ReplicaConfig config;
    private final AtomicLong fence = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final ThreadLocal<int[]> returned = ThreadLocal.withInitial(() -> new int[1]);
    private final Counter fromReplica;
    private final Counter replicaBehind;
    private final Counter replicaUnavailable;
    private volatile boolean listening;
    private volatile long pausedUntil;

    ReadRouting(
            AgroalDataSource primary,
            @DataSource("replica") InjectableInstance<AgroalDataSource> replica,
            TransactionManager transactions,
            ReplicaConfig config,
            MeterRegistry metrics) {
        this.primary = primary;
        this.replica = replica.listActive().stream().findFirst().orElse(null);
        this.transactions = transactions;
        this.config = config;
        // cms_replica_reads_total{served_by=replica|primary, reason=...}: where anonymous reads went, and why
        this.fromReplica = Counter.builder("cms.replica.reads")
                .tag("served_by", "replica")
                .tag("reason", "caught_up")
                .register(metrics);
        this.replicaBehind = Counter.builder("cms.replica.reads")
                .tag("served_by", "primary")
                .tag("reason", "behind")
                .register(metrics);
        this.replicaUnavailable = Counter.builder("cms.replica.reads")
                .tag("served_by", "primary")
                .tag("reason", "unavailable")
                .register(metrics);
        // cms_replica_behind_bytes: how far the replica's last known position is behind what reads must see
        Gauge.builder("cms.replica.behind", this, routing -> Math.max(0, routing.fence.get() - routing.replayed.get()))
                .baseUnit("bytes")
                .register(metrics);
    }

    /** Whether a replica is configured: anonymous reads may go there. */
    public boolean replicaConfigured() {
        return replica != null;
    }

    /** The change listener's state: while it is disconnected, reads stay on the primary. */
    public void listening(boolean now) {
        listening = now;
    }

    /** Reads from now on must see everything up to {@code position} of the primary. */
    public void mustSee(long position) {
        fence.accumulateAndGet(position, Math::max);
    }

    /**
     * The primary's position now, on a connection of its own: after a commit, a position that covers it. Asked again
     * for up to {@value #POSITION_PATIENCE_MILLIS} ms when the primary does not answer: a write that committed just
     * before a failover then gets the position of the server that took over, which has replayed it, instead of none.
     */
    public long primaryPosition() throws SQLException {
        long deadline = System.nanoTime() + POSITION_PATIENCE_MILLIS * 1_000_000;
        while (true) {
            try (Connection connection = primary.getConnection()) {
                return position(connection);
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The position of the server a connection is on. */
    public static long position(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(POSITION)) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The rest of this request reads from the primary: for reads that must not see less than an earlier request saw
     * on any server, such as the pages of a sync snapshot, or that write.
     */
    public void primaryForThisRequest() {
        RequestReads reads = requestReads();
        if (reads != null) {
            reads.readFrom(Source.PRIMARY);
        }
    }

    /** Counts, per thread, the statements that returned: what a retry may not repeat. */
    public void statementReturned() {
        returned.get()[0]++;
    }

    /**
     * Wraps every handle callback so that a read on the replica whose connection broke (the replica stopped, restarted
     * or was cut off) before any of its statements returned is read again on the primary, and the replica rests for
     * {@link ReplicaConfig#pauseAfterFailure()}. A callback that had a statement return is not repeated: it may have
     * handed rows to someone (a CSV export, a summary), and its failure stands.
     */
    public HandleCallbackDecorator retryOnPrimary(Jdbi jdbi) {
        return new HandleCallbackDecorator() {
            @Override
            public <R, X extends Exception> HandleCallback<R, X> decorate(HandleCallback<R, X> callback) {
                return handle -> {
                    int before = returned.get()[0];
                    try {
                        return callback.withHandle(handle);
                    } catch (RuntimeException e) {
                        RequestReads reads = requestReads();
                        if (reads == null
                                || reads.source() != Source.REPLICA
                                || returned.get()[0] != before
                                || !connectionBroke(e)) {
                            throw e;
                        }
                        replicaFailed(e);
                        reads.readFrom(Source.PRIMARY);
                        // closed now, so that the handle's own close does not ask the dead connection anything
                        closeQuietly(handle.getConnection());
                        // a handle of its own: withHandle would hand the callback this thread's broken one again
                        try (Handle primary = jdbi.open()) {
                            return callback.withHandle(primary);
                        }
                    }
                };
            }
        };
    }

    /** Whether PostgreSQL or the driver says the connection is gone (SQLSTATE class 08, or 57P01–57P03: shutting down). */
    private static boolean connectionBroke(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("08") || state.startsWith("57P0");
            }
        }
        return false;
    }

    private void replicaFailed(Exception e) {
        pausedUntil = System.currentTimeMillis() + config.pauseAfterFailure().toMillis();
        // what comes back may be another server, behind what this one had replayed
        replayed.set(0);
        replicaUnavailable.increment();
        LOG.warnf(
                "the replica did not answer (%s); reads go to the primary for %d ms",
                e.getMessage(), config.pauseAfterFailure().toMillis());
        replica.flush(AgroalDataSource.FlushMode.IDLE);
    }

    @Override
    public Connection openConnection() throws SQLException {
        RequestReads reads = replica == null ? null : requestReads();
        if (reads == null || !reads.replicaAllowed() || inTransaction()) {
            return primary.getConnection();
        }
        if (reads.source() == Source.REPLICA) {
            return replica.getConnection();
        }
        Connection connection = replicaAtLeastAt(Math.max(fence.get(), reads.readAfter()));
        reads.readFrom(connection == null ? Source.PRIMARY : Source.REPLICA);
        return connection == null ? primary.getConnection() : connection;
    }

    /** A replica connection that sees at least {@code wanted}; null when there is none in time. */
    private Connection replicaAtLeastAt(long wanted) {
        if (!listening || System.currentTimeMillis() < pausedUntil) {
            replicaUnavailable.increment();
            return null;
        }
        Connection connection = null;
        try {
            connection = replica.getConnection();
            if (replayed.get() >= wanted) {
                // already seen past it: no round trip (a pooled connection that died is caught by retryOnPrimary)
                fromReplica.increment();
                return connection;
            }
            long deadline = System.nanoTime() + config.maxWait().toNanos();
            long at = position(connection);
            while (at < wanted && System.nanoTime() < deadline) {
                Thread.sleep(POLL_MILLIS);
                at = position(connection);
            }
            replayed.accumulateAndGet(at, Math::max);
            if (at >= wanted) {
                fromReplica.increment();
                return connection;
            }
            replicaBehind.increment();
        } catch (SQLException e) {
            replicaFailed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(connection);
        return null;
    }

    private boolean inTransaction() throws SQLException {
        try {
            return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            throw new SQLException("the transaction manager cannot say whether a transaction is open", e);
        }
    }

    private static RequestReads requestReads() {
        return Arc.container().requestContext().isActive()
                ? Arc.container().instance(RequestReads.class).get()
                : null;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is given up either way
            }
        }
    }
}
