package cn.fucai.cms.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrades as an operator meets them, each in a schema of its own in the test database: an empty database migrated
 * to the newest version, and a database of the previous release (schema at V9) holding its demo content, migrated
 * forward with its data intact and the newer machinery (search index, change notifications) working on it.
 */
class MigrationUpgradeTest {

    @Test
    void anEmptyDatabaseMigratesToTheNewestVersion() throws SQLException {
        Flyway flyway = flyway(fresh("upgrade_empty"), null);
        flyway.migrate();
        assertEquals(0, flyway.info().pending().length);
        int newest = Arrays.stream(flyway.info().all())
                .mapToInt(m -> Integer.parseInt(m.getVersion().getVersion()))
                .max()
                .orElseThrow();
        assertEquals(
                Integer.toString(newest), flyway.info().current().getVersion().getVersion());
        try (Connection db = connect("upgrade_empty")) {
            assertTrue(count(db, "select count(*) from region") > 3000, "regions are loaded");
        }
    }

    @Test
    void thePreviousReleaseWithItsDemoContentMigratesForwardIntact() throws SQLException, IOException {
        String schema = fresh("upgrade_previous");
        flyway(schema, "9").migrate();
        try (Connection db = connect(schema);
                Statement statement = db.createStatement();
                InputStream fixture = getClass().getResourceAsStream("/upgrade/demo-content-v9.sql")) {
            statement.execute(new String(fixture.readAllBytes(), StandardCharsets.UTF_8));
        }

        Flyway flyway = flyway(schema, null);
        flyway.migrate();
        assertEquals(0, flyway.info().pending().length);
        try (Connection db = connect(schema)) {
            assertEquals(2, count(db, "select count(*) from article"));
            assertEquals(1, count(db, "select count(*) from article_translation"));
            assertEquals(
                    1,
                    count(db, "select count(*) from article where translation_locales = '{en}'"),
                    "V35 keeps the published translation's locale on its article's row");
            assertEquals(
                    8,
                    count(
                            db,
                            "select count(*) from figure f join figure_revision r on"
                                    + " r.figure_id = f.id and r.revision = f.current_revision"));
            assertEquals(
                    2,
                    count(db, "select count(*) from article_search"),
                    "the search rows written under V9 survive V10's new indexes");
            assertEquals(1, count(db, """
                    select count(*) from article_search
                    where document @@ plainto_tsquery('simple', '公益 益金')
                      and title @@ plainto_tsquery('simple', '温州')"""));
            assertEquals(
                    1,
                    count(db, "select count(*) from article_search where title @@ to_tsquery('simple', '开:*')"),
                    "V41 indexed the titles again: 开 ends 召开 and begins no bigram");
            assertEquals(
                    2,
                    count(db, "select count(*) from figure_revision where search @@ to_tsquery('simple', '家:*')"),
                    "V41 indexed the figures again: 家 ends 暖万家 and 1275家");
            assertTrue(
                    count(
                                    db,
                                    "select count(*) from pg_trigger where tgname = 'article_notify' and tgrelid = 'article'::regclass")
                            == 1,
                    "V11's change notifications are in place");
            // a write after the upgrade still keeps the search index in its transaction
            db.createStatement()
                    .execute("update article set title = title || '（升级后）' where slug = '2019-wenzhou-fucai-review'");
            assertEquals(
                    1,
                    count(db, "select count(*) from article_search where title @@ plainto_tsquery('simple', '升级 级后')"));
        }
    }

    /** Drops and recreates the schema; btree_gin stays in public, where dropping a schema cannot take it along. */
    private static String fresh(String schema) throws SQLException {
        try (Connection db = TestDatabase.connect();
                Statement statement = db.createStatement()) {
            statement.execute("create extension if not exists btree_gin schema public");
            statement.execute("drop schema if exists " + schema + " cascade");
            statement.execute("create schema " + schema);
        }
        return schema;
    }

    private static Flyway flyway(String schema, String target) {
        var configuration = Flyway.configure()
                .dataSource(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD)
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private static Connection connect(String schema) throws SQLException {
        Connection db = TestDatabase.connect();
        try (Statement statement = db.createStatement()) {
            statement.execute("set search_path = " + schema + ", public");
        }
        return db;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
