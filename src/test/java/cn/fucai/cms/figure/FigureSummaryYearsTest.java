package cn.fucai.cms.figure;

import static cn.fucai.cms.figure.FigureFixtures.period;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.region.Region;
import cn.fucai.cms.support.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A public summary keeps its yearly totals and reads again only the years in which a change has committed since
 * ({@link SummaryYears}, V32): each answer equals the same summary computed whole (an administrator's, which is never
 * kept), a correction costs its year, a correction that moves a figure costs both years, a publisher renamed costs
 * every year. The last test runs concurrent transactions against the rule that decides what changed.
 */
@QuarkusTest
class FigureSummaryYearsTest {

    @Inject
    MeterRegistry metrics;

    @Inject
    FigureStore store;

    @Inject
    Jdbi jdbi;

    @Test
    void aCorrectionIsTotalledAgainInItsYearAloneAndTheOtherYearsAreKept() {
        String publisher = createPublisher();
        Map<Integer, String> ids = new TreeMap<>();
        for (int year = 2010; year <= 2014; year++) {
            ids.put(year, sales(publisher, year, Integer.toString(year - 2000)));
        }
        String query = "/api/v1/sales-figures/summary?groupBy=year&region=330000&publisher=" + publisher;

        Summary first = summarise(query);
        assertEquals(new Years(0, 5), first.counted(), "nothing kept yet: five years read");
        assertEquals(
                List.of("1000000000.00", "1100000000.00", "1200000000.00", "1300000000.00", "1400000000.00"),
                first.body().getList("items.total.amount"));
        Summary again = summarise(query);
        assertEquals(new Years(5, 0), again.counted(), "nothing changed: every year kept");
        assertEquals(first.body().getList("items"), again.body().getList("items"));

        correct(ids.get(2012), publisher, 2012, "32");
        Summary corrected = summarise(query);
        assertEquals(new Years(4, 1), corrected.counted(), "2012 read again, the others kept");
        assertEquals("3200000000.00", corrected.body().getString("items[2].total.amount"));
        // the comparisons on either side of the corrected year are made afresh from the kept totals
        assertEquals("2100000000.00", corrected.body().getString("items[2].yearOnYear.change"));
        assertEquals("-1900000000.00", corrected.body().getString("items[3].yearOnYear.change"));
        assertEquals(corrected.body().getList("items"), wholeSummary(query).getList("items"));
    }

    @Test
    void aCorrectionThatMovesAFigureToAnotherYearIsTotalledAgainInBoth() {
        String publisher = createPublisher();
        sales(publisher, 2020, "1");
        String moving = sales(publisher, 2021, "2");
        sales(publisher, 2022, "3");
        String query = "/api/v1/sales-figures/summary?groupBy=year&region=330000&publisher=" + publisher;
        summarise(query);

        correct(moving, publisher, 2022, "4");
        Summary moved = summarise(query);
        // 2021 lost its one figure: it is not kept (else 2 kept), and has nothing to read; 2022 gained it
        assertEquals(new Years(1, 1), moved.counted(), "2020 kept, 2022 read again");
        assertEquals(List.of("2020", "2022"), moved.body().getList("items.key"));
        assertEquals(moved.body().getList("items"), wholeSummary(query).getList("items"));
    }

    @Test
    void aCorrectionIsReadAgainInTheSummariesOfItsRegionsAndKeptInAnotherProvinces() {
        String publisher = createPublisher();
        String wenzhou = sales(publisher, "330300", 2040, "1");
        sales(publisher, "440300", 2040, "2");
        String zhejiang = "/api/v1/sales-figures/summary?groupBy=year&region=330000&publisher=" + publisher;
        String guangdong = "/api/v1/sales-figures/summary?groupBy=year&region=440000&publisher=" + publisher;
        String country = "/api/v1/sales-figures/summary?groupBy=year&publisher=" + publisher;
        for (String query : List.of(zhejiang, guangdong, country)) {
            summarise(query);
        }

        correct(wenzhou, publisher, 2040, "5");
        Summary ownProvince = summarise(zhejiang);
        assertEquals(new Years(0, 1), ownProvince.counted(), "Wenzhou's province reads 2040 again");
        assertEquals(List.of("500000000.00"), ownProvince.body().getList("items.total.amount"));
        Summary otherProvince = summarise(guangdong);
        assertEquals(new Years(1, 0), otherProvince.counted(), "Guangdong keeps its 2040");
        assertEquals(List.of("200000000.00"), otherProvince.body().getList("items.total.amount"));
        Summary whole = summarise(country);
        assertEquals(new Years(0, 1), whole.counted(), "the country reads 2040 again");
        assertEquals(List.of("700000000.00"), whole.body().getList("items.total.amount"));
        for (var summary : Map.of(zhejiang, ownProvince, guangdong, otherProvince, country, whole)
                .entrySet()) {
            assertEquals(
                    summary.getValue().body().getList("items"),
                    wholeSummary(summary.getKey()).getList("items"));
        }

        // moved to Shenzhen: the province it left reads 2040 again too, and has nothing there any more
        correct(wenzhou, publisher, "440300", 2040, "5");
        Summary left = summarise(zhejiang);
        assertEquals(new Years(0, 0), left.counted(), "2040 read again, and no figure left in it");
        assertEquals(List.of(), left.body().getList("items"));
        Summary joined = summarise(guangdong);
        assertEquals(new Years(0, 1), joined.counted(), "and the province it joined");
        assertEquals(joined.body().getList("items"), wholeSummary(guangdong).getList("items"));
    }

    @Test
    void aPublisherRenamedIsShownInTheTotalsOfEveryYear() {
        String publisher = createPublisher();
        sales(publisher, 2030, "1");
        sales(publisher, 2031, "2");
        String query = "/api/v1/sales-figures/summary?groupBy=publisher&region=330000&publisher=" + publisher;
        summarise(query);
        assertEquals(new Years(2, 0), summarise(query).counted());

        Map<String, Object> renamed = TestData.publisher(publisher);
        renamed.put("name", "温州市福利彩票发行中心（更名）");
        String etag = given().get("/api/v1/publishers/" + publisher).header("ETag");
        json().header("If-Match", etag)
                .body(renamed)
                .put("/api/v1/publishers/" + publisher)
                .then()
                .statusCode(200);
        Summary after = summarise(query);
        assertEquals(new Years(0, 2), after.counted(), "a publisher's name labels every year's totals");
        assertEquals("温州市福利彩票发行中心（更名）", after.body().getString("items[0].label"));
    }

    /**
     * What decides that a kept year still holds, under concurrent transactions: a change not visible in the kept
     * snapshot but visible now is a change, also one whose transaction began before that snapshot and committed after
     * it; one still running is not (the summary reading now does not see it either) until it commits.
     */
    @Test
    void aChangeCommittedAfterTheKeptSnapshotIsSeenEvenIfItsTransactionBeganBefore() {
        try (Handle writer = jdbi.open()) {
            writer.begin();
            writer.execute("insert into figure_year_change (kind, year) values ('sales', 1901)");
            String kept =
                    store.changesSince(FigureKind.sales, Region.COUNTRY, null).snapshot();

            FigureStore.YearChanges whileRunning = store.changesSince(FigureKind.sales, Region.COUNTRY, kept);
            assertFalse(whileRunning.changed(1901), "not committed: nobody reads it yet");
            writer.commit();
            FigureStore.YearChanges committed = store.changesSince(FigureKind.sales, Region.COUNTRY, kept);
            assertTrue(committed.changed(1901), "committed after the kept snapshot, though begun before it");
            assertFalse(committed.changed(1902));
            assertFalse(committed.all());

            String later = committed.snapshot();
            assertFalse(
                    store.changesSince(FigureKind.sales, Region.COUNTRY, later).changed(1901),
                    "already seen by the later one");
            jdbi.useHandle(
                    handle -> handle.execute("insert into figure_year_change (kind, year) values ('fund', 1902)"));
            assertFalse(
                    store.changesSince(FigureKind.sales, Region.COUNTRY, later).changed(1902), "another kind");
            jdbi.useHandle(handle -> handle.execute("insert into figure_year_change (kind, year) values ('*', null)"));
            assertTrue(
                    store.changesSince(FigureKind.sales, Region.COUNTRY, later).all(), "every kind and year");

            String beforePruned =
                    store.changesSince(FigureKind.sales, Region.COUNTRY, null).snapshot();
            jdbi.useHandle(
                    handle -> handle.execute("insert into figure_year_change (kind, year) values ('sales', 1903)"));
            jdbi.useHandle(handle ->
                    handle.execute("update figure_year_change set changed_at = changed_at - interval '2 hours'"));
            store.pruneYearChanges(Duration.ofHours(1));
            long old = jdbi.withHandle(handle -> handle.createQuery(
                            "select count(*) from figure_year_change where changed_at < now() - interval '1 hour'")
                    .mapTo(Long.class)
                    .one());
            assertEquals(0, old, "notes older than an hour dropped");
            assertTrue(
                    store.changesSince(FigureKind.sales, Region.COUNTRY, beforePruned)
                            .all(),
                    "the note of a change since was pruned: nothing kept from before it can be trusted");
            String afterPruning =
                    store.changesSince(FigureKind.sales, Region.COUNTRY, null).snapshot();
            assertFalse(store.changesSince(FigureKind.sales, Region.COUNTRY, afterPruning)
                    .all());
        }
    }

    /**
     * The summary's first statement sets the transaction's snapshot and reads the changes in one message: the
     * transaction is then read-only and repeatable, so a change committed by another meanwhile is not seen, and the
     * changes it reports are those {@link FigureStore#changesSince} reports.
     */
    @Test
    void theSnapshotIsSetAndTheChangesReadInOneRoundTrip() {
        String kept = store.changesSince(FigureKind.sales, Region.COUNTRY, null).snapshot();
        jdbi.useHandle(handle -> handle.execute("insert into figure_year_change (kind, year) values ('sales', 1911)"));
        QuarkusTransaction.requiringNew().run(() -> {
            FigureStore.YearChanges first = store.snapshotReadsWithChangesSince(FigureKind.sales, Region.COUNTRY, kept);
            assertTrue(first.changed(1911), "committed after the kept snapshot");
            assertFalse(first.changed(1912));
            assertFalse(first.all());
            QuarkusTransaction.requiringNew()
                    .run(() -> jdbi.useHandle(other ->
                            other.execute("insert into figure_year_change (kind, year) values ('sales', 1912)")));
            FigureStore.YearChanges again = store.changesSince(FigureKind.sales, Region.COUNTRY, kept);
            assertEquals(first.snapshot(), again.snapshot(), "one snapshot for the whole transaction");
            assertFalse(again.changed(1912), "committed by another after the snapshot was taken");
            jdbi.useHandle(handle -> {
                assertEquals(
                        "repeatable read",
                        handle.createQuery("show transaction_isolation")
                                .mapTo(String.class)
                                .one());
                assertEquals(
                        "on",
                        handle.createQuery("show transaction_read_only")
                                .mapTo(String.class)
                                .one());
            });
        });
        assertTrue(
                store.changesSince(FigureKind.sales, Region.COUNTRY, kept).changed(1912),
                "seen once that transaction ended");
        assertTrue(
                QuarkusTransaction.requiringNew()
                        .call(() -> store.snapshotReadsWithChangesSince(FigureKind.sales, Region.COUNTRY, null))
                        .all(),
                "without a kept snapshot, every year is read");
    }

    /** Kept and computed years of summaries so far. */
    private record Years(long kept, long computed) {

        Years minus(Years before) {
            return new Years(kept - before.kept, computed - before.computed);
        }
    }

    /** A summary's answer, and how many of its years were kept and read. */
    private record Summary(JsonPath body, Years counted) {}

    private Summary summarise(String query) {
        Years before = years();
        JsonPath body = given().header("Cache-Control", "no-cache")
                .get(query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return new Summary(body, years().minus(before));
    }

    /** The same summary computed whole: an administrator's (held figures included) is never kept. */
    private JsonPath wholeSummary(String query) {
        Years before = years();
        JsonPath body = admin().get(query).then().statusCode(200).extract().jsonPath();
        assertEquals(new Years(0, 0), years().minus(before));
        return body;
    }

    private Years years() {
        return new Years(
                (long) metrics.counter("cms_figure_summary_years", "totals", "kept")
                        .count(),
                (long) metrics.counter("cms_figure_summary_years", "totals", "computed")
                        .count());
    }

    private static String sales(String publisher, int year, String yi) {
        return sales(publisher, "330300", year, yi);
    }

    private static String sales(String publisher, String region, int year, String yi) {
        return json().body(body(publisher, region, year, yi))
                .post("/api/v1/sales-figures")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void correct(String id, String publisher, int year, String yi) {
        correct(id, publisher, "330300", year, yi);
    }

    private static void correct(String id, String publisher, String region, int year, String yi) {
        json().body(Map.of("reason", "按年度公告更正", "figure", body(publisher, region, year, yi)))
                .post("/api/v1/sales-figures/" + id + "/corrections")
                .then()
                .statusCode(200)
                .body("amount.amount", equalTo(yi + "00000000.00"));
    }

    private static Map<String, Object> body(String publisher, int year, String yi) {
        return body(publisher, "330300", year, yi);
    }

    private static Map<String, Object> body(String publisher, String region, int year, String yi) {
        Map<String, Object> body = FigureFixtures.sales(publisher, region, yi, "亿元");
        body.put("period", period(year + "-01-01", year + "-12-31", "YEAR"));
        return body;
    }
}
