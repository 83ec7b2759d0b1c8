package cn.fucai.cms.webhook;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.await;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Webhooks cannot reach inside the network (issue #15, point 4), and their secrets and numbers are bounded (point 5).
 * The test profile allows 127.0.0.1 (CMS_WEBHOOKS_ALLOWED_TARGETS), where the receivers of the other tests listen;
 * everything else on this machine's loopback, 127.0.0.2 included, stays refused.
 */
@QuarkusTest
class WebhookSafetyTest {

    @Inject
    AgroalDataSource db;

    private HttpServer allowed;
    private HttpServer inside;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final List<String> reachedInside = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceivers() throws Exception {
        allowed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        allowed.createContext("/hook", exchange -> {
            received.add(Map.of(
                    "id",
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    "timestamp",
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "signature",
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    "body",
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        allowed.start();
        inside = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        inside.createContext("/", exchange -> {
            reachedInside.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        inside.start();
    }

    @AfterEach
    void stopReceivers() {
        allowed.stop(0);
        inside.stop(0);
    }

    static List<String> refusedTargets() {
        return List.of(
                "http://127.0.0.2:{inside}/hook",
                "https://127.0.0.2/",
                "https://10.0.0.1/",
                "https://172.16.0.1/",
                "https://192.168.1.1/",
                "https://169.254.169.254/latest/meta-data/",
                "https://100.64.0.1/",
                "https://0.0.0.0/",
                "https://224.0.0.1/",
                "https://[::1]/",
                "https://[fd00::1]/",
                "https://[fe80::1]/",
                "https://[::ffff:10.0.0.1]/",
                "https://[64:ff9b::a00:1]/",
                "https://[2002:a00:1::]/",
                "http://www.example.org/hook",
                "https://user:secret@www.example.org/hook",
                "ftp://www.example.org/");
    }

    @ParameterizedTest
    @MethodSource("refusedTargets")
    void aTargetInsideTheNetworkOrOverPlainHttpIsRefusedAtCreationAndNothingIsStored(String target) {
        String publisher = createPublisher();
        String url =
                target.replace("{inside}", Integer.toString(inside.getAddress().getPort()));
        long before = count(db, "select count(*) from webhook");
        json().body(Map.of("url", url, "events", List.of("article.published"), "publisher", publisher))
                .post("/api/v1/webhooks")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("url"));
        assertEquals(before, count(db, "select count(*) from webhook"));
        assertEquals(List.of(), reachedInside);
    }

    @Test
    void aTargetThatTurnsInternalLaterIsRefusedAtTheAttemptWithACoarseError() throws Exception {
        String publisher = createPublisher();
        String publisherId = admin().get("/api/v1/publishers/" + publisher).path("id");
        // written past the API, as if its name had been re-pointed at an internal address after it was checked
        String webhook = column(
                        db,
                        """
                insert into webhook (id, url, events, secret, publisher_id, created_at)
                values (gen_random_uuid(), ?, '{article.published}', ?, ?::uuid, now()) returning id""",
                        "http://127.0.0.2:" + inside.getAddress().getPort() + "/hook",
                        WebhookSignature.newSecret(),
                        publisherId)
                .get(0);
        createArticleId(article(publisher, "to-the-inside"));
        await(
                () -> count(
                                db,
                                "select count(*) from webhook_attempt a join webhook_delivery"
                                        + " d on d.id = a.delivery_id where d.webhook_id = ?::uuid",
                                webhook)
                        >= 1,
                "an attempt",
                Duration.ofSeconds(20));
        admin().get("/api/v1/webhooks/" + webhook + "/deliveries")
                .then()
                .statusCode(200)
                .body("items[0].attempts[0].error", equalTo("refused by policy"))
                .body("items[0].attempts[0].statusCode", nullValue());
        assertEquals(List.of(), reachedInside, "nothing reached the internal address");
    }

    @Test
    void aClosedPortIsOnlyAConnectionFailureNeverSocketDetails() throws Exception {
        String publisher = createPublisher();
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        String webhook = json().body(Map.of(
                        "url",
                        "http://127.0.0.1:" + closed + "/hook",
                        "events",
                        List.of("article.published"),
                        "publisher",
                        publisher))
                .post("/api/v1/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        createArticleId(article(publisher, "to-a-closed-port"));
        await(
                () -> count(
                                db,
                                "select count(*) from webhook_attempt a join webhook_delivery"
                                        + " d on d.id = a.delivery_id where d.webhook_id = ?::uuid",
                                webhook)
                        >= 1,
                "an attempt",
                Duration.ofSeconds(20));
        assertEquals(
                List.of("connection failed"),
                column(
                        db,
                        "select distinct a.error from webhook_attempt a join webhook_delivery"
                                + " d on d.id = a.delivery_id where d.webhook_id = ?::uuid",
                        webhook));
    }

    @Test
    void aSecretIsMadeByTheServiceOrMustBeStrongAndARotatedOneSignsBesideTheNewOneForTheOverlap() throws Exception {
        String publisher = createPublisher();
        String url = "http://127.0.0.1:" + allowed.getAddress().getPort() + "/hook";
        long before = count(db, "select count(*) from webhook");
        for (String weak : List.of(
                "0123456789abcdef0123",
                "whsec_!!!!not-base64!!!!",
                "whsec_" + Base64.getEncoder().encodeToString(new byte[16]))) {
            json().body(Map.of(
                            "url", url, "events", List.of("article.published"), "publisher", publisher, "secret", weak))
                    .post("/api/v1/webhooks")
                    .then()
                    .statusCode(400)
                    .body("violations[0].field", equalTo("secret"));
        }
        assertEquals(before, count(db, "select count(*) from webhook"));

        Response created = json().body(
                        Map.of("url", url, "events", List.of("article.published"), "publisher", publisher))
                .post("/api/v1/webhooks");
        created.then().statusCode(201).body("secret", startsWith("whsec_"));
        String secret = created.path("secret");
        String id = created.path("id");
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
        admin().get("/api/v1/webhooks/" + id).then().statusCode(200).body("secret", nullValue());

        createArticleId(article(publisher, "first"));
        await(() -> received.size() == 1, "the first delivery", Duration.ofSeconds(20));
        assertEquals(sign(secret, received.get(0)), received.get(0).get("signature"));

        Response rotated = admin().post("/api/v1/webhooks/" + id + "/secret");
        rotated.then().statusCode(200).body("secret", startsWith("whsec_"));
        String next = rotated.path("secret");
        createArticleId(article(publisher, "second"));
        await(() -> received.size() == 2, "the second delivery", Duration.ofSeconds(20));
        assertEquals(
                sign(next, received.get(1)) + " " + sign(secret, received.get(1)),
                received.get(1).get("signature"),
                "signed with the new secret and, during the overlap, the previous one");

        column(
                db,
                "update webhook set previous_secret_expires_at = now() - interval '1 second' where id = ?::uuid returning id",
                id);
        createArticleId(article(publisher, "third"));
        await(() -> received.size() == 3, "the third delivery", Duration.ofSeconds(20));
        assertEquals(
                sign(next, received.get(2)),
                received.get(2).get("signature"),
                "after the overlap only the new secret signs");
    }

    @Test
    void aPublisherHasAtMostTwentyWebhooks() {
        String publisher = createPublisher();
        String url = "http://127.0.0.1:" + allowed.getAddress().getPort() + "/hook";
        for (int i = 0; i < 20; i++) {
            json().body(Map.of("url", url + i, "events", List.of("article.published"), "publisher", publisher))
                    .post("/api/v1/webhooks")
                    .then()
                    .statusCode(201);
        }
        json().body(Map.of("url", url + "-21", "events", List.of("article.published"), "publisher", publisher))
                .post("/api/v1/webhooks")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        String publisherId = admin().get("/api/v1/publishers/" + publisher).path("id");
        assertEquals(20, count(db, "select count(*) from webhook where publisher_id = ?::uuid", publisherId));
    }

    /** The Standard Webhooks signature, computed here independently of the service's code. */
    private static String sign(String secret, Map<String, String> delivery) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] digest = mac.doFinal((delivery.get("id") + "." + delivery.get("timestamp") + "." + delivery.get("body"))
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(digest.length == 32);
        return "v1," + Base64.getEncoder().encodeToString(digest);
    }
}
