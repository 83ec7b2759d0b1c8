package cn.fucai.cms;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Features own their tables: a feature's SQL names only the tables it owns and the views other features publish for
 * it. A feature that needs another's data asks that feature's service or observes its events (docs/design.md).
 */
class TableOwnershipTest {

    private static final Path SOURCES = Path.of("src/main/java/cn/fucai/cms");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** Every table and view of the schema and the feature that owns it: the one place that says so. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            entry("region", "region"),
            entry("publisher", "publisher"),
            entry("publisher_ref", "publisher"),
            entry("article", "article"),
            entry("article_translation", "article"),
            entry("article_text", "article"),
            entry("article_region", "article"),
            entry("article_revision", "article"),
            entry("preview_key", "article"),
            entry("article_review", "article"),
            entry("article_search", "search"),
            entry("article_change", "sync"),
            entry("article_change_pruned", "sync"),
            entry("media_change", "sync"),
            entry("media_change_pruned", "sync"),
            entry("sync_key", "sync"),
            entry("figure", "figure"),
            entry("figure_revision", "figure"),
            entry("figure_year_change", "figure"),
            entry("figure_year_change_pruned", "figure"),
            entry("api_token", "security"),
            entry("audit_event", "security"),
            entry("webhook", "webhook"),
            entry("webhook_event", "webhook"),
            entry("webhook_delivery", "webhook"),
            entry("webhook_attempt", "webhook"),
            entry("media", "media"),
            entry("media_translation", "media"),
            entry("media_page", "media"),
            entry("media_text_unread", "media"),
            entry("media_page_awaiting_ocr", "media"),
            entry("media_use", "media"),
            entry("idempotency_key", "idempotency"),
            entry("account", "account"),
            entry("account_session", "account"),
            entry("sign_in_attempt", "account"),
            entry("rate_budget", "common"));

    /** Views their owner publishes for every feature to read. */
    static final Set<String> PUBLISHED = Set.of("publisher_ref", "article_text");

    private static final Pattern CREATED = Pattern.compile(
            "(?i)create\\s+(?:unlogged\\s+)?(?:table|view)\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    /** A string literal or text block: where SQL lives in the sources. */
    private static final Pattern LITERAL =
            Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

    /** What makes a literal SQL rather than prose: a select from, an insert, update or delete, a join on, a with. */
    private static final Pattern SQL = Pattern.compile("(?is)\\bselect\\b.+\\bfrom\\b|\\binsert\\s+into\\b"
            + "|\\bupdate\\s+\\w+(\\s+\\w+)?\\s+set\\b|\\bdelete\\s+from\\b|\\bjoin\\s+(lateral\\s+)?[\\w(]"
            + "|\\bwith\\s+(recursive\\s+)?\\w+\\s+as\\b");
    /** A word that is not a bind (:name), a qualified column (p.name) or part of a longer name. */
    private static final Pattern WORD = Pattern.compile("(?<![:.\\w])([a-z_][a-z0-9_]*)(?![\\w(])");

    @Test
    void everyTableOfTheSchemaHasOneOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.toList()) {
                Matcher matcher = CREATED.matcher(Files.readString(file));
                while (matcher.find()) {
                    created.add(matcher.group(1).toLowerCase());
                }
            }
        }
        assertEquals(
                created,
                new TreeSet<>(OWNERS.keySet()),
                "the tables and views the migrations create, and their owners");
    }

    @Test
    void noFeatureNamesAnotherFeaturesTableInSql() throws IOException {
        List<String> trespasses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> SOURCES.relativize(f).getNameCount() > 1)
                    .toList()) {
                String feature = SOURCES.relativize(file).getName(0).toString();
                for (String table : tablesNamed(Files.readString(file))) {
                    String owner = OWNERS.get(table);
                    if (!owner.equals(feature) && !PUBLISHED.contains(table)) {
                        trespasses.add(SOURCES.relativize(file) + " names " + table + ", which " + owner + " owns");
                    }
                }
            }
        }
        assertTrue(trespasses.isEmpty(), String.join("\n", trespasses));
    }

    @Test
    void theCheckFindsATrespass() {
        assertEquals(
                Set.of("article", "publisher"),
                tablesNamed(
                        "class X { String sql = \"select count(*) from article a join publisher p on p.id = :publisher\"; }"));
        assertEquals(Set.of(), tablesNamed("class X { String message = \"no live publisher \" + publisher; }"));
        assertEquals(
                Set.of(), tablesNamed("class X { String prose = \"totals by region or publisher, from figures\"; }"));
        assertEquals(
                Set.of("figure"), tablesNamed("class X { String sql = \"update figure set current_revision = 2\"; }"));
        assertEquals(
                Set.of(),
                tablesNamed("class X { String sql = \"select a.publisher_id, a.region from x where y = :article\"; }"));
    }

    /** The known tables that the SQL in these sources names. */
    private static Set<String> tablesNamed(String source) {
        Set<String> tables = new TreeSet<>();
        Matcher literal = LITERAL.matcher(source);
        while (literal.find()) {
            String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
            if (!SQL.matcher(text).find()) {
                continue;
            }
            Matcher word = WORD.matcher(text);
            while (word.find()) {
                if (OWNERS.containsKey(word.group(1))) {
                    tables.add(word.group(1));
                }
            }
        }
        return tables;
    }
}
