package cn.fucai.cms.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.sql.SQLException;
import java.util.Map;
import javax.transaction.xa.XAException;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.Test;

/** Every SQLSTATE class becomes a problem in the service's own words: no PostgreSQL message ever reaches a client. */
class DatabaseProblemsTest {

    private static final String DATABASE_TEXT =
            "value too long for type character varying(50) in column period_label of figure_revision";

    /** SQLSTATE → the status it must answer. */
    private static final Map<String, Integer> STATUS_BY_STATE = Map.ofEntries(
            Map.entry("22001", 400),
            Map.entry("22003", 400),
            Map.entry("22008", 400),
            Map.entry("22P02", 400),
            Map.entry("23505", 409),
            Map.entry("23503", 409),
            Map.entry("23514", 409),
            Map.entry("23502", 409),
            Map.entry("40001", 503),
            Map.entry("40P01", 503),
            Map.entry("57014", 503),
            Map.entry("55P03", 503),
            Map.entry("53300", 503),
            Map.entry("57P01", 503),
            Map.entry("08006", 503),
            Map.entry("08001", 503),
            Map.entry("42P01", 500),
            Map.entry("42703", 500),
            Map.entry("XX000", 500),
            Map.entry("P0001", 500));

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void eachClassHasItsStatusAndNoneShowsTheDatabasesMessage() {
        STATUS_BY_STATE.forEach((state, status) -> {
            Response answer = mappers.unexpected(
                    new PersistenceException("could not execute statement", new SQLException(DATABASE_TEXT, state)),
                    uri("/api/v1/sales-figures"),
                    headers(Map.of()));
            assertEquals(status, answer.getStatus(), state);
            Problem problem = (Problem) answer.getEntity();
            assertEquals("/api/v1/sales-figures", problem.instance(), state);
            assertFalse(
                    problem.detail().contains("character varying")
                            || problem.detail().contains("period_label")
                            || problem.detail().contains("could not execute"),
                    state + ": " + problem.detail());
            if (status == 503) {
                assertNotNull(answer.getHeaderString("Retry-After"), state);
            } else {
                assertNull(answer.getHeaderString("Retry-After"), state);
            }
        });
    }

    /**
     * A commit whose connection the database ended (a primary shutting down for a failover): Narayana's rollback
     * exception carries the database's error only as a suppressed exception. Found by scripts/cluster.sh test.
     */
    @Test
    void aCommitCutByTheDatabaseGoingAwayIsA503NotA500() {
        XAException commit = new XAException("Error trying to transactionCommit local transaction");
        commit.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(commit);
        Response answer = mappers.unexpected(
                new QuarkusTransactionException(rollback), uri("/api/v1/articles"), headers(Map.of()));
        assertEquals(503, answer.getStatus());
        assertEquals("5", answer.getHeaderString("Retry-After"));
        assertFalse(((Problem) answer.getEntity()).detail().contains("administrator"));
    }

    /**
     * Two writes of one row at the same time: the loser answers 412 only when it sent If-Match (its precondition no
     * longer holds); a write without one collided and is simply sent again.
     */
    @Test
    void aVersionCollisionIs412OnlyForAConditionalWrite() {
        StaleObjectStateException stale = new StaleObjectStateException("cn.fucai.cms.publisher.Publisher", "id");
        Response conditional = mappers.unexpected(
                new OptimisticLockException(stale), uri("/api/v1/publishers/x"), headers(Map.of("If-Match", "\"3\"")));
        assertEquals(412, conditional.getStatus());
        assertNull(conditional.getHeaderString("Retry-After"));

        Response unconditional =
                mappers.unexpected(new OptimisticLockException(stale), uri("/api/v1/publishers/x"), headers(Map.of()));
        assertEquals(503, unconditional.getStatus());
        assertEquals("1", unconditional.getHeaderString("Retry-After"));
        assertEquals(
                "the request collided with another one at the same time; send it again",
                ((Problem) unconditional.getEntity()).detail());
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return (HttpHeaders) Proxy.newProxyInstance(
                HttpHeaders.class.getClassLoader(),
                new Class<?>[] {HttpHeaders.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaderString" -> values.get((String) args[0]);
                    default -> throw new IllegalStateException("the mapper does not need " + method.getName());
                });
    }

    private static UriInfo uri(String path) {
        return (UriInfo) Proxy.newProxyInstance(
                UriInfo.class.getClassLoader(),
                new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPath" -> path;
                    case "getRequestUri" -> URI.create("http://localhost" + path);
                    default -> throw new IllegalStateException("the mapper does not need " + method.getName());
                });
    }
}
