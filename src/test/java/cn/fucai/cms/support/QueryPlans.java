package cn.fucai.cms.support;

import cn.fucai.cms.common.sql.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/** What PostgreSQL does with a statement, from {@code EXPLAIN (ANALYZE, BUFFERS, VERBOSE, FORMAT JSON)}: for plan tests. */
public final class QueryPlans {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BIND = Pattern.compile("(?<!:):(\\w+)");

    private QueryPlans() {}

    /**
     * Runs the work in a transaction rolled back whatever happens, so that what it writes no other test sees. Left open
     * by a failed assertion, a transaction begun on a handle was kept: the next run's inserts collided with its rows.
     * Its statements may take a minute, not the test profile's 3 s: the plan tests insert tens of thousands of rows in
     * one statement, and a slow hour of this 2-core machine took 4 s over 30,000 figures' revisions (CI, 2026-12-06).
     */
    public static void rolledBack(Jdbi jdbi, HandleConsumer<Exception> work) throws Exception {
        jdbi.useHandle(handle -> {
            handle.begin();
            try {
                handle.execute("set local statement_timeout = '60s'");
                work.useHandle(handle);
            } finally {
                handle.rollback();
            }
        });
    }

    /**
     * The statement's plan, run: the plan for its values, or the generic plan a prepared statement may keep (prepared,
     * then run with plan_cache_mode forced).
     */
    public static JsonNode explain(Handle handle, Sql sql, boolean generic) throws Exception {
        String text;
        if (generic) {
            List<Object> values = new ArrayList<>();
            Matcher bind = BIND.matcher(sql.text());
            StringBuilder prepared = new StringBuilder();
            while (bind.find()) {
                values.add(sql.binds().get(bind.group(1)));
                bind.appendReplacement(prepared, "\\$" + values.size());
            }
            bind.appendTail(prepared);
            handle.execute("prepare planned as " + prepared);
            handle.execute("set plan_cache_mode = force_generic_plan");
            String arguments = values.stream().map(QueryPlans::literal).collect(Collectors.joining(", "));
            text = handle.createQuery("explain (analyze, buffers, verbose, format json) execute planned"
                            + (values.isEmpty() ? "" : "(" + arguments + ")"))
                    .mapTo(String.class)
                    .one();
            handle.execute("reset plan_cache_mode");
            handle.execute("deallocate planned");
        } else {
            text = handle.createQuery("explain (analyze, buffers, verbose, format json) " + sql.text())
                    .bindMap(sql.binds())
                    .mapTo(String.class)
                    .one();
        }
        return JSON.readTree(text).get(0).get("Plan");
    }

    /** The nodes that read the page's rows: every node but those of subqueries run per row. */
    public static List<JsonNode> pageNodes(JsonNode plan) {
        List<JsonNode> nodes = new ArrayList<>();
        collect(plan, nodes, false);
        return nodes;
    }

    /** Every node of a plan, those of subqueries included. */
    public static List<JsonNode> allNodes(JsonNode plan) {
        List<JsonNode> nodes = new ArrayList<>();
        collect(plan, nodes, true);
        return nodes;
    }

    /** The first node that reads this table. */
    public static JsonNode scanOf(String table, List<JsonNode> nodes) {
        return nodes.stream()
                .filter(n -> n.path("Relation Name").asText().equals(table))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no scan of " + table + " in " + nodes.get(0).toPrettyString()));
    }

    /**
     * Whether a subquery, in a condition or in the select list, is run once into a hash table, which reads all its rows
     * whatever the page needs.
     */
    public static boolean hashesASubquery(List<JsonNode> nodes) {
        return nodes.stream()
                .anyMatch(n -> n.path("Filter").asText().contains("hashed SubPlan")
                        || n.path("Output").toString().contains("hashed SubPlan"));
    }

    private static void collect(JsonNode node, List<JsonNode> nodes, boolean subplans) {
        nodes.add(node);
        for (JsonNode child : node.path("Plans")) {
            if (subplans || !child.path("Parent Relationship").asText().equals("SubPlan")) {
                collect(child, nodes, subplans);
            }
        }
    }

    private static String literal(Object value) {
        String text = value instanceof Object[] array
                ? Arrays.stream(array).map(String::valueOf).collect(Collectors.joining(",", "{", "}"))
                : value.toString();
        return "'" + text.replace("'", "''") + "'";
    }
}
