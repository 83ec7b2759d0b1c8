package cn.fucai.cms.common.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.fucai.cms.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.Test;

/**
 * A transaction may begin with SET TRANSACTION (a figure summary's does) even when its first handle opens on a new
 * connection: the service's PostgreSQL plugin asks the database nothing when a handle opens. Jdbi's own plugin reads the
 * catalog for its large-object API there, and PostgreSQL then refuses the SET: 1 summary in some 50,000 of the
 * benchmark answered 500, each on a connection the pool had just opened. The stock plugin is tried too, so that this
 * test fails if it ever stops showing the difference.
 */
class QuietPostgresPluginTest {

    @Test
    void aTransactionOnANewConnectionCanStillChooseItsIsolation() throws SQLException {
        assertEquals("repeatable read", isolationChosenFirst(new Database.QuietPostgresPlugin()));
    }

    @Test
    void theStockPluginWouldHaveAskedTheCatalogFirst() {
        UnableToExecuteStatementException refused =
                assertThrows(UnableToExecuteStatementException.class, () -> isolationChosenFirst(new PostgresPlugin()));
        assertEquals("25001", ((SQLException) refused.getCause()).getSQLState(), "active SQL transaction");
    }

    /** A new connection in a transaction, as a pooled one is enlisted in JTA: a handle opens, then the isolation is set. */
    private static String isolationChosenFirst(JdbiPlugin plugin) throws SQLException {
        try (Connection connection = TestDatabase.connect()) {
            connection.setAutoCommit(false);
            try (Handle handle = Jdbi.create(connection).installPlugin(plugin).open()) {
                handle.execute("set transaction isolation level repeatable read, read only");
                return handle.createQuery("show transaction_isolation")
                        .mapTo(String.class)
                        .one();
            } finally {
                connection.rollback();
            }
        }
    }
}
