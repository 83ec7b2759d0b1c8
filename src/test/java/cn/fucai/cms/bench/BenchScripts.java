package cn.fucai.cms.bench;

import cn.fucai.cms.common.sql.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/pg/*.sql, the pgbench scripts that run an endpoint's SQL alone: their statements, and the service's statements
 * written as a script writes them, so that a test can hold the two the same (white space aside).
 */
public final class BenchScripts {

    private static final Pattern BIND = Pattern.compile("(?<!:):([A-Za-z]\\w*)");

    private BenchScripts() {}

    /** A script's SQL statements in order, without comments and pgbench's meta-commands ({@code \set}, {@code \if}). */
    public static List<String> statements(String script) {
        try {
            String sql = String.join(
                    "\n",
                    Files.readAllLines(Path.of("bench/pg", script)).stream()
                            .filter(line -> !line.startsWith("--") && !line.startsWith("\\"))
                            .toList());
            return Arrays.stream(sql.split(";"))
                    .map(BenchScripts::normalised)
                    .filter(statement -> !statement.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's statement with each named bind replaced by the script's expression for it, normalised. */
    public static String asScripted(Sql sql, Map<String, String> expressions) {
        Matcher bind = BIND.matcher(sql.text());
        StringBuilder text = new StringBuilder();
        while (bind.find()) {
            String expression = expressions.get(bind.group(1));
            if (expression == null) {
                throw new IllegalArgumentException("no expression for :" + bind.group(1) + " in " + sql.text());
            }
            bind.appendReplacement(text, Matcher.quoteReplacement(expression));
        }
        return normalised(bind.appendTail(text).toString());
    }

    /** White space folded, none inside parentheses' edges: how a statement is compared. */
    public static String normalised(String sql) {
        return sql.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")").strip();
    }
}
