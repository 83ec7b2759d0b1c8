package cn.fucai.cms.common.replica;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.await;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.createArticle;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.metrics;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Where reads go when a replica is configured. The test profile's replica is the test database itself through
 * read-only connections, so every anonymous read of the suite takes the replica's path (and would fail if it wrote);
 * a real standby, its lag and read-your-writes across instances are proven by {@code scripts/cluster.sh test}.
 */
@QuarkusTest
class ReplicaReadsTest {

    private static final Pattern POSITION = Pattern.compile("[0-9A-F]{1,8}/[0-9A-F]{1,8}");

    @TestHTTPResource(value = "/", management = true)
    URL managementUrl;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anAnonymousReadIsServedByTheReplicaAndAReadWithATokenByThePrimary() {
        String id = createArticle(article(createPublisher(), "replica-read")).path("id");
        Map<String, Double> before = replicaReads();
        given().header("Cache-Control", "no-cache")
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .body("title", equalTo("温州福彩2019年销量再破20亿"));
        Map<String, Double> afterAnonymous = replicaReads();
        assertEquals(before.get("replica caught_up") + 1, afterAnonymous.get("replica caught_up"));

        admin().get("/api/v1/articles/" + id).then().statusCode(200).body("id", equalTo(id));
        assertEquals(afterAnonymous, replicaReads(), "a read with a token opens no replica connection");
    }

    @Test
    void aWriteAnswersAPositionThatCoversItsCommitAndAReadAfterItSeesTheWrite() {
        long before = CommitPosition.parse(
                column(dataSource, "select pg_current_wal_insert_lsn()::text").get(0));
        Response created = createArticle(article(createPublisher(), "replica-position"));
        String position = created.header("Commit-Position");
        assertNotNull(position, "a write answers Commit-Position");
        assertTrue(POSITION.matcher(position).matches(), position);
        assertTrue(CommitPosition.parse(position) > before, position + " is after the write began");
        String committed = column(
                        dataSource,
                        "select count(*) from article where id = ?::uuid and pg_current_wal_insert_lsn() >= ?::pg_lsn",
                        created.path("id"),
                        position)
                .get(0);
        assertEquals("1", committed);

        Map<String, Double> reads = replicaReads();
        given().header("Read-After", position)
                .header("Cache-Control", "no-cache")
                .get("/api/v1/articles/" + created.path("id"))
                .then()
                .statusCode(200)
                .body("id", equalTo(created.path("id")));
        assertEquals(reads.get("replica caught_up") + 1, replicaReads().get("replica caught_up"));
    }

    @Test
    void aReadAfterAPositionTheReplicaDoesNotReachInTimeIsServedByThePrimary() {
        String id = createArticle(article(createPublisher(), "replica-behind")).path("id");
        Map<String, Double> before = replicaReads();
        long started = System.nanoTime();
        given().header("Read-After", "7FFFFFFF/0")
                .header("Cache-Control", "no-cache")
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Double> after = replicaReads();
        assertEquals(before.get("primary behind") + 1, after.get("primary behind"));
        assertEquals(before.get("replica caught_up"), after.get("replica caught_up"));
        assertTrue(tookMillis >= 50, "it waited cms.replica.max-wait (50 ms) first; took " + tookMillis + " ms");
    }

    @Test
    void aReadAfterThatIsNoPositionIsA400NamingTheHeader() {
        Map<String, Double> before = replicaReads();
        given().header("Read-After", "yesterday")
                .get("/api/v1/articles")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("Read-After"))
                .body("violations[0].message", containsString("0/16B3748"));
        assertEquals(before, replicaReads(), "nothing was read");
    }

    @Test
    void aReplicaThatLostItsConnectionsLeavesReadsOnThePrimaryUntilItAnswersAgain() {
        String id = createArticle(article(createPublisher(), "replica-gone")).path("id");
        given().header("Cache-Control", "no-cache")
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(200);
        // what a restart of the replica does to the pooled connections
        List<String> cut = column(
                dataSource,
                "select pg_terminate_backend(pid)::text from pg_stat_activity where application_name = 'cms-replica-reads'"
                        + " and datname = current_database()");
        assertTrue(cut.contains("true"), "the replica pool held connections: " + cut);
        Map<String, Double> before = replicaReads();

        given().header("Cache-Control", "no-cache")
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        // the replica had been seen past everything, so the read went there without a round trip, found its connection
        // dead before anything came back, and was read again on the primary
        Map<String, Double> after = replicaReads();
        assertEquals(before.get("primary unavailable") + 1, after.get("primary unavailable"));

        // after cms.replica.pause-after-failure (2 s) the replica is tried again, on new connections
        await(
                () -> {
                    given().header("Cache-Control", "no-cache")
                            .get("/api/v1/articles/" + id)
                            .then()
                            .statusCode(200);
                    return replicaReads().get("replica caught_up") > after.get("replica caught_up");
                },
                "reads back on the replica",
                Duration.ofSeconds(10));
    }

    @Test
    void positionsAreWrittenAsPostgreSqlWritesThem() {
        assertEquals(0x16B3748L, CommitPosition.parse("0/16B3748"));
        assertEquals((0x1AL << 32) | 0xFFL, CommitPosition.parse("1a/ff"));
        assertEquals("1A/FF", CommitPosition.format((0x1AL << 32) | 0xFFL));
        assertEquals("7FFFFFFF/FFFFFFFF", CommitPosition.format(CommitPosition.parse("7FFFFFFF/FFFFFFFF")));
        assertEquals(null, CommitPosition.parse("80000000/0"));
        assertEquals(null, CommitPosition.parse("0/"));
        assertEquals(null, CommitPosition.parse("123456789/0"));
    }

    /** cms_replica_reads_total by "served_by reason", from the management port. */
    private Map<String, Double> replicaReads() {
        String metrics = metrics(managementUrl);
        Matcher matcher = Pattern.compile(
                        "cms_replica_reads_total\\{reason=\"(\\w+)\",served_by=\"(\\w+)\",?} ([0-9.E]+)")
                .matcher(metrics);
        Map<String, Double> reads = new TreeMap<>();
        while (matcher.find()) {
            reads.put(matcher.group(2) + " " + matcher.group(1), Double.parseDouble(matcher.group(3)));
        }
        assertEquals(3, reads.size(), metrics);
        return reads;
    }
}
