package cn.fucai.cms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tests only touch what is theirs: every statement of a test that reads or acts on server-wide sessions
 * (pg_stat_activity, pg_locks, terminating or cancelling backends) is scoped to the test's own database, so that a test
 * run never disturbs another instance or another database on the same PostgreSQL server.
 */
class TestIsolationTest {

    private static final Pattern SERVER_WIDE =
            Pattern.compile("pg_stat_activity|pg_locks|pg_terminate_backend|pg_cancel_backend");

    @Test
    void everyServerWideStatementInTheTestsIsScopedToTheTestsOwnDatabase() throws IOException {
        List<String> unscoped = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/test/java"))) {
            for (Path source : sources.filter(
                            p -> p.toString().endsWith(".java") && !p.endsWith("TestIsolationTest.java"))
                    .toList()) {
                List<String> lines = Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    // a statement may go on over the next lines of a text block
                    String statement = String.join(" ", lines.subList(i, Math.min(lines.size(), i + 3)));
                    if (SERVER_WIDE.matcher(line).find() && !statement.contains("current_database()")) {
                        unscoped.add(source + ":" + (i + 1) + ": " + line.strip());
                    }
                }
            }
        }
        assertEquals(List.of(), unscoped, "add 'and datname = current_database()' to each");
    }
}
