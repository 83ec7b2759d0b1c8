package cn.fucai.cms.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The tests' database as scripts/test.sh sets it up (CMS_TEST_DATABASE_URL), for tests that connect on their own. */
public final class TestDatabase {

    public static final String URL =
            System.getenv().getOrDefault("CMS_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/cms_test");
    public static final String USER = System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "cms");
    public static final String PASSWORD = System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "cms");

    private TestDatabase() {}

    /** A new connection of its own, outside the service's pool. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** How many sessions of the tests' database wait for a lock on this table (whoever holds it is not counted). */
    public static long waitingForLockOn(String table) {
        try (Connection watcher = connect();
                var query = watcher.prepareStatement("select count(*) from pg_locks l join pg_database d"
                        + " on d.oid = l.database where d.datname = current_database() and not l.granted"
                        + " and l.relation = ?::regclass")) {
            query.setString(1, table);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
