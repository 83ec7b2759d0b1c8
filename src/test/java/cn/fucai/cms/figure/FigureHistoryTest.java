package cn.fucai.cms.figure;

import static cn.fucai.cms.figure.FigureFixtures.amount;
import static cn.fucai.cms.figure.FigureFixtures.fund;
import static cn.fucai.cms.figure.FigureFixtures.sales;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.uuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Corrections are history, not overwrites: revisions, asOf and retraction. */
@QuarkusTest
class FigureHistoryTest {

    @Inject
    AgroalDataSource db;

    @Test
    void correctionAddsARevisionAndTheOldValueStaysReadable() {
        String publisher = createPublisher();
        Response created = json().body(sales(publisher, "330300", "20", "亿元")).post("/api/v1/sales-figures");
        String id = created.path("id");
        Instant firstRecorded = Instant.parse(created.path("updatedAt"));

        Map<String, Object> corrected = sales(publisher, "330300", "20.15", "亿元");
        Response correction = json().header("If-Match", created.header("ETag"))
                .body(Map.of("reason", "按年度公告更正", "figure", corrected))
                .post("/api/v1/sales-figures/" + id + "/corrections");
        correction
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("revision", equalTo(2))
                .body("amount.amount", equalTo("2015000000.00"))
                .body("createdAt", equalTo(created.path("createdAt")));
        Instant secondRecorded = Instant.parse(correction.path("updatedAt"));

        given().get("/api/v1/sales-figures/" + id).then().body("amount.amount", equalTo("2015000000.00"));
        given().get("/api/v1/sales-figures/" + id + "/revisions")
                .then()
                .statusCode(200)
                .body("items.revision", contains(1, 2))
                .body("items.action", contains("created", "corrected"))
                .body("items[0].reason", nullValue())
                .body("items[1].reason", equalTo("按年度公告更正"))
                .body("items[0].figure.amount.amount", equalTo("2000000000.00"))
                .body("items[1].figure.amount.amount", equalTo("2015000000.00"));

        given().queryParam("asOf", firstRecorded.toString())
                .get("/api/v1/sales-figures/" + id)
                .then()
                .statusCode(200)
                .body("revision", equalTo(1))
                .body("amount.amount", equalTo("2000000000.00"));
        given().queryParam("asOf", secondRecorded.minusNanos(1000).toString())
                .get("/api/v1/sales-figures/" + id)
                .then()
                .body("revision", equalTo(1));
        given().queryParam("asOf", secondRecorded.toString())
                .get("/api/v1/sales-figures/" + id)
                .then()
                .body("revision", equalTo(2));
        given().queryParam("asOf", firstRecorded.minusSeconds(1).toString())
                .get("/api/v1/sales-figures/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("asOf", firstRecorded.toString())
                .get("/api/v1/sales-figures?publisher=" + publisher)
                .then()
                .body("items", hasSize(1))
                .body("items[0].amount.amount", equalTo("2000000000.00"));
        given().queryParam("asOf", "yesterday")
                .get("/api/v1/sales-figures/" + id)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("asOf"));
    }

    @Test
    void staleOrPointlessCorrectionsAreRefusedAndNothingIsWritten() {
        String publisher = createPublisher();
        String id = json().body(sales(publisher, "330300", "20", "亿元"))
                .post("/api/v1/sales-figures")
                .path("id");
        json().body(Map.of("reason", "更正", "figure", sales(publisher, "330300", "21", "亿元")))
                .post("/api/v1/sales-figures/" + id + "/corrections")
                .then()
                .statusCode(200);
        json().header("If-Match", "\"1\"")
                .body(Map.of("reason", "过期的更正", "figure", sales(publisher, "330300", "22", "亿元")))
                .post("/api/v1/sales-figures/" + id + "/corrections")
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
        json().body(Map.of("reason", "没有变化", "figure", sales(publisher, "330300", "21.0", "亿元")))
                .post("/api/v1/sales-figures/" + id + "/corrections")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("figure"));
        json().body(Map.of("figure", sales(publisher, "330300", "23", "亿元")))
                .post("/api/v1/sales-figures/" + id + "/corrections")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("reason"));
        json().body(Map.of("reason", "错误单位", "figure", sales(publisher, "330300", "23", "千元")))
                .post("/api/v1/sales-figures/" + id + "/corrections")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("figure.amount.unit"));
        assertEquals(2, count(db, "select count(*) from figure_revision where figure_id = ?", uuid(id)));
        given().get("/api/v1/sales-figures/" + id).then().body("amount.amount", equalTo("2100000000.00"));
    }

    @Test
    void retractionLeavesListsAndTotalsButNotHistory() {
        String publisher = createPublisher();
        String kept = json().body(fund(publisher, "330300", "used", "100", "万元"))
                .post("/api/v1/fund-figures")
                .path("id");
        Map<String, Object> duplicate = fund(publisher, "330300", "used", "100", "万元");
        duplicate.put("lotteryType", "sports");
        Response wrong = json().body(duplicate).post("/api/v1/fund-figures");
        String retracted = wrong.path("id");
        given().get("/api/v1/fund-figures/summary?groupBy=year&flow=used&publisher=" + publisher)
                .then()
                .body("items[0].total.amount", equalTo("2000000.00"));
        Instant beforeRetraction = Instant.parse(wrong.path("updatedAt"));

        json().body(Map.of("reason", "重复录入"))
                .post("/api/v1/fund-figures/" + retracted + "/retraction")
                .then()
                .statusCode(200)
                .body("retracted", equalTo(true))
                .body("revision", equalTo(2))
                .body("amount.amount", equalTo("1000000.00"));
        given().get("/api/v1/fund-figures/" + retracted).then().statusCode(200).body("retracted", equalTo(true));
        given().get("/api/v1/fund-figures?publisher=" + publisher).then().body("items.id", contains(kept));
        given().get("/api/v1/fund-figures?includeRetracted=true&publisher=" + publisher)
                .then()
                .body("items", hasSize(2));
        given().get("/api/v1/fund-figures/summary?groupBy=year&flow=used&publisher=" + publisher)
                .then()
                .body("items[0].total.amount", equalTo("1000000.00"))
                .body("items[0].figureIds", contains(kept));
        given().queryParam("asOf", beforeRetraction.toString())
                .get("/api/v1/fund-figures/summary?groupBy=year&flow=used&publisher=" + publisher)
                .then()
                .body("items[0].total.amount", equalTo("2000000.00"));
        given().get("/api/v1/fund-figures/" + retracted + "/revisions")
                .then()
                .body("items.action", contains("created", "retracted"))
                .body("items[1].reason", equalTo("重复录入"));
        json().body(Map.of("reason", "again"))
                .post("/api/v1/fund-figures/" + retracted + "/retraction")
                .then()
                .statusCode(409);
        json().body(Map.of("reason", " "))
                .post("/api/v1/fund-figures/" + kept + "/retraction")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("reason"));
    }

    @Test
    void twoCorrectionsFromTheSameRevisionCannotBothWin() throws Exception {
        String publisher = createPublisher();
        String id = json().body(sales(publisher, "330300", "20", "亿元"))
                .post("/api/v1/sales-figures")
                .path("id");
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<Response>> posts = new ArrayList<>();
        try (Connection lock = db.getConnection()) {
            // Hold the figure so that both corrections are in flight at once; they take turns on the row lock.
            lock.setAutoCommit(false);
            try (PreparedStatement statement = lock.prepareStatement("select 1 from figure where id = ? for update")) {
                statement.setObject(1, uuid(id));
                statement.execute();
            }
            for (String value : List.of("21", "22")) {
                posts.add(clients.submit(() -> json().header("If-Match", "\"1\"")
                        .body(Map.of("reason", "更正为" + value, "figure", sales(publisher, "330300", value, "亿元")))
                        .post("/api/v1/sales-figures/" + id + "/corrections")));
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (count(
                            db,
                            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()")
                    < 2) {
                assertTrue(System.currentTimeMillis() < deadline, "corrections did not reach the lock");
                Thread.sleep(20);
            }
            lock.commit();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Response> post : posts) {
            statuses.add(post.get().statusCode());
        }
        clients.shutdown();
        assertEquals(List.of(200, 412), statuses.stream().sorted().toList());
        assertEquals(2, count(db, "select count(*) from figure_revision where figure_id = ?", uuid(id)));
    }

    @Test
    void perBeneficiaryAmountsConvertToo() {
        String publisher = createPublisher();
        Map<String, Object> body = fund(publisher, "330300", "used", "240", "万元");
        @SuppressWarnings("unchecked")
        Map<String, Object> fundPart = (Map<String, Object>) body.get("fund");
        fundPart.put("beneficiaryCount", 300);
        fundPart.put("amountPerBeneficiary", amount("0.8", "万元"));
        json().body(body)
                .post("/api/v1/fund-figures")
                .then()
                .statusCode(201)
                .body("fund.amountPerBeneficiary.amount", equalTo("8000.00"));
        fundPart.put("amountPerBeneficiary", amount("0.0000001", "万元"));
        json().body(body)
                .post("/api/v1/fund-figures")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("fund.amountPerBeneficiary.value"));
    }
}
