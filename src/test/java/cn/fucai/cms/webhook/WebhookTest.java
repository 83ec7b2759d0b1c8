package cn.fucai.cms.webhook;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries to a real HTTP receiver on 127.0.0.1 that fails when told to, checks signatures and counts. */
@QuarkusTest
class WebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "whsec_"
            + Base64.getEncoder().encodeToString("福彩-webhook-secret-0123456789".getBytes(StandardCharsets.UTF_8));

    @Inject
    AgroalDataSource db;

    @Inject
    WebhookDispatcher dispatcher;

    private HttpServer receiver;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private volatile int defaultAnswer = 200;

    /** One request the receiver got. */
    record Received(String id, String timestamp, String signature, String body, boolean signatureValid) {}

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            received.add(new Received(
                    id,
                    timestamp,
                    signature,
                    body,
                    signature != null && signature.equals(expectedSignature(id, timestamp, body))));
            Integer answer = answers.poll();
            exchange.sendResponseHeaders(answer == null ? defaultAnswer : answer, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aDeliveryIsSignedRetriedUntilItSucceedsAndEveryAttemptIsShown() throws Exception {
        String publisher = createPublisher();
        String webhook = subscribe(publisher, List.of("article.published", "article.updated"));
        answers.add(500);
        answers.add(503);
        String id = createArticleId(article(publisher, "hooked"));

        await(() -> received.size() >= 3 && deliveryStatus(webhook).equals("succeeded"));
        assertEquals(3, received.size());
        assertEquals(
                1,
                new HashSet<>(received.stream().map(Received::id).toList()).size(),
                "the same webhook-id on every retry");
        assertTrue(received.stream().allMatch(Received::signatureValid), "every attempt is signed");
        JsonNode payload = JSON.readTree(received.get(2).body());
        assertEquals("article.published", payload.get("type").asText());
        assertEquals(id, payload.get("data").get("id").asText());
        assertEquals("温州福彩2019年销量再破20亿", payload.get("data").get("title").asText());

        admin().get("/api/v1/webhooks/" + webhook + "/deliveries")
                .then()
                .statusCode(200)
                .body("items[0].status", equalTo("succeeded"))
                .body("items[0].attemptCount", equalTo(3))
                .body("items[0].attempts.statusCode", contains(500, 503, 200))
                .body("items[0].eventType", equalTo("article.published"));
    }

    @Test
    void aDeliveryThatKeepsFailingIsMarkedFailedAndCanBeRedelivered() throws Exception {
        String publisher = createPublisher();
        String webhook = subscribe(publisher, List.of("article.published"));
        defaultAnswer = 500;
        createArticleId(article(publisher, "failing"));
        await(() -> deliveryStatus(webhook).equals("failed"));
        Response deliveries = admin().get("/api/v1/webhooks/" + webhook + "/deliveries");
        deliveries
                .then()
                .body("items[0].attemptCount", equalTo(4))
                .body("items[0].attempts.statusCode", contains(500, 500, 500, 500));
        String delivery = deliveries.path("items[0].id");

        defaultAnswer = 200;
        admin().post("/api/v1/webhooks/" + webhook + "/deliveries/" + delivery + "/redeliver")
                .then()
                .statusCode(204);
        await(() -> deliveryStatus(webhook).equals("succeeded"));
    }

    @Test
    void aReceiverThatAnswers410DisablesItsWebhook() throws Exception {
        String publisher = createPublisher();
        String webhook = subscribe(publisher, List.of("article.published", "article.deleted"));
        defaultAnswer = 410;
        String id = createArticleId(article(publisher, "gone"));
        await(() -> deliveryStatus(webhook).equals("failed"));
        admin().get("/api/v1/webhooks/" + webhook)
                .then()
                .body("disabledAt", notNullValue())
                .body("disabledReason", equalTo("the receiver answered 410 Gone"));
        admin().delete("/api/v1/articles/" + id).then().statusCode(204);
        assertEquals(
                1,
                count(db, "select count(*) from webhook_delivery where webhook_id = ?::uuid", webhook),
                "a disabled webhook gets no new deliveries");
    }

    @Test
    void aRefusedWriteSendsNothing() {
        String publisher = createPublisher();
        subscribe(publisher, List.of("article.published"));
        long events = count(db, "select count(*) from webhook_event");
        Map<String, Object> bad = article(publisher, "bad");
        bad.put("regionCodes", List.of("339999"));
        json().body(bad).post("/api/v1/articles").then().statusCode(400);
        assertEquals(events, count(db, "select count(*) from webhook_event"));
    }

    @Test
    void concurrentDispatchersSendEachDeliveryOnce() throws Exception {
        String publisher = createPublisher();
        String webhook = subscribe(publisher, List.of("figure.published"));
        for (int i = 0; i < 30; i++) {
            json().body(figure(publisher, i))
                    .post("/api/v1/sales-figures")
                    .then()
                    .statusCode(201);
        }
        ExecutorService dispatchers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(dispatchers.submit(dispatcher::dispatchDue));
        }
        for (Future<Integer> run : runs) {
            run.get();
        }
        dispatchers.shutdown();
        await(() -> count(
                        db,
                        "select count(*) from webhook_delivery where webhook_id = ?::uuid and status = 'succeeded'",
                        webhook)
                == 30);
        assertEquals(30, received.size(), "no delivery was sent twice");
        assertEquals(30, new HashSet<>(received.stream().map(Received::id).toList()).size());
    }

    @Test
    void aBatchImportRaisesOneEventNamingItsFiguresForEachPublisher() throws Exception {
        String publisher = createPublisher();
        subscribe(publisher, List.of("figure.published"));
        List<Map<String, Object>> figures = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            figures.add(figure(publisher, i));
        }
        List<String> ids = json().body(figures)
                .post("/api/v1/sales-figures/batch")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        await(() -> received.size() >= 1);
        Thread.sleep(500);
        assertEquals(1, received.size(), "one event for the whole batch");
        JsonNode payload = JSON.readTree(received.get(0).body());
        assertEquals("figure.imported", payload.get("type").asText());
        assertEquals(25, payload.get("data").get("count").asInt());
        List<String> named = new ArrayList<>();
        payload.get("data").get("figureIds").forEach(id -> named.add(id.asText()));
        assertEquals(ids, named);
    }

    @Test
    void aSlowReceiverDelaysOnlyItselfAndEveryWebhookGetsItsDeliveriesInOrder() throws Exception {
        List<String> slowlyReceived = Collections.synchronizedList(new ArrayList<>());
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/slow", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                // slow, but inside the test profile's 2-second timeout, so that nothing is retried
                Thread.sleep(1_200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slowlyReceived.add(JSON.readTree(body).get("data").get("id").asText());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        slow.start();
        try {
            String publisher = createPublisher();
            subscribe(publisher, List.of("article.published"));
            json().body(Map.of(
                            "url",
                            "http://127.0.0.1:" + slow.getAddress().getPort() + "/slow",
                            "events",
                            List.of("article.published"),
                            "publisher",
                            publisher))
                    .post("/api/v1/webhooks")
                    .then()
                    .statusCode(201);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(createArticleId(article(publisher, "in-order-" + i)));
            }
            await(() -> received.size() == 3);
            assertTrue(
                    slowlyReceived.size() <= 1,
                    "the fast receiver had all three while the slow one was still at its first: "
                            + slowlyReceived.size());
            List<String> fastOrder = new ArrayList<>();
            for (Received delivery : received) {
                fastOrder.add(
                        JSON.readTree(delivery.body()).get("data").get("id").asText());
            }
            assertEquals(ids, fastOrder);
            await(() -> slowlyReceived.size() == 3);
            assertEquals(ids, slowlyReceived, "one webhook's deliveries arrive in the order they were made");
        } finally {
            slow.stop(0);
        }
    }

    private static Map<String, Object> figure(String publisher, int i) {
        return Map.of(
                "publisher",
                publisher,
                "regionCode",
                "330300",
                "period",
                Map.of("start", (2000 + i) + "-01-01", "end", (2000 + i) + "-12-31", "granularity", "YEAR"),
                "lotteryType",
                "welfare",
                "amount",
                Map.of("value", "1", "unit", "亿元"),
                "qualifier",
                "exact",
                "source",
                Map.of("url", "https://www.example.org/" + i));
    }

    private String subscribe(String publisher, List<String> events) {
        return json().body(Map.of(
                        "url",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                        "events",
                        events,
                        "secret",
                        SECRET,
                        "publisher",
                        publisher))
                .post("/api/v1/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String deliveryStatus(String webhook) {
        List<String> statuses =
                admin().get("/api/v1/webhooks/" + webhook + "/deliveries").path("items.status");
        return statuses.isEmpty() ? "none" : statuses.get(0);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for deliveries");
            Thread.sleep(100);
        }
    }

    /** The signature computed here from the Standard Webhooks definition, independently of the service's code. */
    private static String expectedSignature(String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
            return "v1,"
                    + Base64.getEncoder()
                            .encodeToString(
                                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
