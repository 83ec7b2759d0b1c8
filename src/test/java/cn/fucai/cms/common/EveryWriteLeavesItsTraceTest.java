package cn.fucai.cms.common;

import static cn.fucai.cms.figure.FigureFixtures.fund;
import static cn.fucai.cms.figure.FigureFixtures.period;
import static cn.fucai.cms.figure.FigureFixtures.sales;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.media.MediaFixtures;
import cn.fucai.cms.support.People;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Every write operation of the OpenAPI document leaves, in its own transaction, each trace its kind calls for: an
 * audit entry always; a row of the partner change feed when what mirrors show changed; a webhook outbox event when
 * readers are told; a cache notification when a public read changed, or a token that instances keep. A write
 * operation added to the API without a scenario here fails {@link #everyWriteOperationOfTheDocumentIsExercised}.
 */
@QuarkusTest
class EveryWriteLeavesItsTraceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");

    /** The publisher every scenario writes for, with a webhook that wants every event, and its receiver. */
    private static String publisher;

    private static String publisherId;

    private static HttpServer receiver;

    @Inject
    AgroalDataSource db;

    /** What a write must leave: audit entries (resource type and action), feed rows, outbox events, notifications. */
    record Trace(List<String> audit, int feedRows, List<String> announced, Set<String> notified) {}

    /**
     * A write to exercise: the requests that prepare it and, last, the write itself (only what the last request leaves
     * is counted); then the traces it must leave, given the ids the preparation noted and the write's answer.
     */
    record Scenario(
            Function<Map<String, String>, Response> write, BiFunction<Map<String, String>, Response, Trace> expected) {}

    private static final Map<String, Scenario> SCENARIOS = new HashMap<>();

    static {
        SCENARIOS.put(
                "createArticle",
                new Scenario(
                        ids -> json().body(article(publisher, uniqueSlug("trace")))
                                .post("/api/v1/articles"),
                        (ids, r) -> new Trace(
                                List.of("article create"),
                                1,
                                List.of("article.published"),
                                Set.of("article:" + r.path("id"), "article-facets of " + publisherId))));
        SCENARIOS.put(
                "replaceArticle",
                new Scenario(
                        ids -> {
                            Map<String, Object> body = article(publisher, uniqueSlug("trace"));
                            String id = createArticleId(body);
                            body.put("title", "温州福彩2019年销量再破20亿（更正）");
                            return json().body(body).put("/api/v1/articles/" + id);
                        },
                        (ids, r) -> new Trace(
                                List.of("article update"),
                                1,
                                List.of("article.updated"),
                                Set.of("article:" + r.path("id"), "article-facets of " + publisherId))));
        SCENARIOS.put(
                "restoreArticleRevision",
                new Scenario(
                        ids -> {
                            Map<String, Object> body = article(publisher, uniqueSlug("trace"));
                            String id = createArticleId(body);
                            body.put("title", "温州福彩2019年销量再破20亿（误改）");
                            json().body(body).put("/api/v1/articles/" + id);
                            return admin().post("/api/v1/articles/" + id + "/revisions/1/restore");
                        },
                        (ids, r) -> new Trace(
                                List.of("article update"),
                                1,
                                List.of("article.updated"),
                                Set.of("article:" + r.path("id"), "article-facets of " + publisherId))));
        SCENARIOS.put(
                "submitArticle",
                new Scenario(
                        ids -> {
                            Map<String, Object> body = article(publisher, uniqueSlug("trace"));
                            body.put("status", "draft");
                            ids.put("article", createArticleId(body));
                            return json().body(Map.of("note", "请审核"))
                                    .post("/api/v1/articles/" + ids.get("article") + "/submission");
                        },
                        (ids, r) -> new Trace(
                                List.of("article submit"),
                                0,
                                List.of("article.review_requested"),
                                Set.of("article:" + ids.get("article"), "article-facets of " + publisherId))));
        SCENARIOS.put(
                "approveArticle",
                new Scenario(
                        ids -> {
                            Map<String, Object> body = article(publisher, uniqueSlug("trace"));
                            body.put("status", "in_review");
                            String id = createArticleId(body);
                            return People.person("reviewer", publisher)
                                    .page()
                                    .body(Map.of())
                                    .post("/api/v1/articles/" + id + "/approval");
                        },
                        (ids, r) -> new Trace(
                                List.of("article approve"),
                                1,
                                List.of("article.published"),
                                Set.of("article:" + r.path("id"), "article-facets of " + publisherId))));
        SCENARIOS.put(
                "returnArticle",
                new Scenario(
                        ids -> {
                            Map<String, Object> body = article(publisher, uniqueSlug("trace"));
                            body.put("status", "in_review");
                            ids.put("article", createArticleId(body));
                            return json().body(Map.of("note", "请核对数据"))
                                    .post("/api/v1/articles/" + ids.get("article") + "/return");
                        },
                        (ids, r) -> new Trace(
                                List.of("article return"),
                                0,
                                List.of(),
                                Set.of("article:" + ids.get("article"), "article-facets of " + publisherId))));
        SCENARIOS.put(
                "createArticlePreview",
                new Scenario(
                        ids -> admin().post("/api/v1/articles/"
                                + createArticleId(article(publisher, uniqueSlug("trace"))) + "/previews"),
                        (ids, r) -> new Trace(List.of("article share-preview"), 0, List.of(), Set.of())));
        SCENARIOS.put(
                "deleteArticle",
                new Scenario(
                        ids -> {
                            ids.put("article", createArticleId(article(publisher, uniqueSlug("trace"))));
                            return admin().delete("/api/v1/articles/" + ids.get("article"));
                        },
                        (ids, r) -> new Trace(
                                List.of("article delete"),
                                1,
                                List.of("article.deleted"),
                                Set.of("article:" + ids.get("article"), "article-facets of " + publisherId))));
        SCENARIOS.put(
                "createPublisher",
                new Scenario(
                        ids -> json().body(publisher(uniqueSlug("trace"))).post("/api/v1/publishers"),
                        (ids, r) -> new Trace(List.of("publisher create"), 0, List.of(), Set.of("publisher"))));
        SCENARIOS.put(
                "replacePublisher",
                new Scenario(
                        ids -> {
                            Map<String, Object> body = publisher(uniqueSlug("trace"));
                            String slug = createPublisher(body);
                            createArticleId(article(slug, uniqueSlug("trace")));
                            MediaFixtures.upload(
                                    slug, "trace.png", MediaFixtures.png(32, 24, 7), "image/png", Map.of());
                            body.put("name", "温州市福利彩票发行中心（更名）");
                            return json().body(body).put("/api/v1/publishers/" + slug);
                        },
                        // its live article and media item show its name: changes for the feeds, a notification for
                        // the cache
                        (ids, r) -> new Trace(List.of("publisher update"), 2, List.of(), Set.of("publisher"))));
        SCENARIOS.put(
                "deletePublisher",
                new Scenario(
                        ids -> admin().delete("/api/v1/publishers/" + createPublisher()),
                        (ids, r) -> new Trace(List.of("publisher delete"), 0, List.of(), Set.of("publisher"))));
        for (String kind : List.of("sales", "fund", "indicator")) {
            String path = "/api/v1/" + kind + "-figures";
            String type = kind + "-figure";
            SCENARIOS.put(
                    "create" + capitalized(kind) + "Figure",
                    new Scenario(
                            ids -> json().body(figure(kind, "20")).post(path),
                            (ids, r) -> new Trace(
                                    List.of(type + " create"), 0, List.of("figure.published"), Set.of("figure"))));
            SCENARIOS.put(
                    "import" + capitalized(kind) + "Figures",
                    new Scenario(
                            ids -> json().body(List.of(figure(kind, "20"), figure(kind, "30")))
                                    .post(path + "/batch"),
                            (ids, r) -> new Trace(
                                    List.of(type + " create", type + " create"),
                                    0,
                                    List.of("figure.imported"),
                                    Set.of("figure"))));
            // a POST that writes nothing: it must leave no trace at all
            SCENARIOS.put(
                    "preview" + capitalized(kind) + "FigureImport",
                    new Scenario(
                            ids -> json().body(List.of(figure(kind, "20"), figure(kind, "30")))
                                    .post(path + "/batch/preview"),
                            (ids, r) -> new Trace(List.of(), 0, List.of(), Set.of())));
            SCENARIOS.put(
                    "correct" + capitalized(kind) + "Figure",
                    new Scenario(
                            ids -> {
                                String id = json().body(figure(kind, "20"))
                                        .post(path)
                                        .path("id");
                                return json().body(Map.of("reason", "按年度公告更正", "figure", figure(kind, "21")))
                                        .post(path + "/" + id + "/corrections");
                            },
                            (ids, r) -> new Trace(
                                    List.of(type + " correct"), 0, List.of("figure.corrected"), Set.of("figure"))));
            SCENARIOS.put(
                    "retract" + capitalized(kind) + "Figure",
                    new Scenario(
                            ids -> {
                                String id = json().body(figure(kind, "20"))
                                        .post(path)
                                        .path("id");
                                return json().body(Map.of("reason", "重复录入")).post(path + "/" + id + "/retraction");
                            },
                            (ids, r) -> new Trace(
                                    List.of(type + " retract"), 0, List.of("figure.retracted"), Set.of("figure"))));
        }
        SCENARIOS.put(
                "createToken",
                new Scenario(
                        ids -> json().body(Map.of(
                                        "name", "编辑 " + uniqueSlug("t"), "role", "editor", "publisher", publisher))
                                .post("/api/v1/tokens"),
                        (ids, r) -> new Trace(List.of("token create"), 0, List.of(), Set.of())));
        SCENARIOS.put(
                "revokeToken",
                new Scenario(
                        ids -> {
                            String id = json().body(Map.of(
                                            "name", "编辑 " + uniqueSlug("t"), "role", "editor", "publisher", publisher))
                                    .post("/api/v1/tokens")
                                    .path("token.id");
                            return admin().delete("/api/v1/tokens/" + id);
                        },
                        // every instance stops trusting the tokens it keeps (V33)
                        (ids, r) -> new Trace(List.of("token revoke"), 0, List.of(), Set.of("token"))));
        SCENARIOS.put(
                "createAccount",
                new Scenario(
                        ids -> json().body(People.account("editor", publisher)).post("/api/v1/accounts"),
                        (ids, r) -> new Trace(List.of("account create"), 0, List.of(), Set.of())));
        SCENARIOS.put(
                "replaceAccount",
                new Scenario(
                        ids -> {
                            Map<String, Object> body = People.account("editor", publisher);
                            String id =
                                    json().body(body).post("/api/v1/accounts").path("id");
                            return json().body(Map.of(
                                            "displayName",
                                            "审核员",
                                            "role",
                                            "reviewer",
                                            "publisher",
                                            publisher,
                                            "status",
                                            "active"))
                                    .put("/api/v1/accounts/" + id);
                        },
                        (ids, r) -> new Trace(List.of("account update"), 0, List.of(), Set.of())));
        SCENARIOS.put(
                "resetAccountPassword",
                new Scenario(
                        ids -> {
                            String id = json().body(People.account("reader", publisher))
                                    .post("/api/v1/accounts")
                                    .path("id");
                            return json().body(Map.of("password", "另一个足够长的密码2026"))
                                    .put("/api/v1/accounts/" + id + "/password");
                        },
                        (ids, r) -> new Trace(List.of("account reset-password"), 0, List.of(), Set.of())));
        SCENARIOS.put(
                "signIn",
                new Scenario(
                        ids -> People.signInResponse(People.createAccount("reader", publisher), People.PASSWORD),
                        (ids, r) -> new Trace(List.of("session sign-in"), 0, List.of(), Set.of())));
        SCENARIOS.put(
                "signOut",
                new Scenario(
                        ids -> People.person("reader", publisher).page().delete("/api/v1/session"),
                        (ids, r) -> new Trace(List.of("session sign-out"), 0, List.of(), Set.of())));
        SCENARIOS.put(
                "changePassword",
                new Scenario(
                        ids -> People.person("editor", publisher)
                                .page()
                                .body(Map.of("currentPassword", People.PASSWORD, "newPassword", "另一个足够长的密码2026"))
                                .put("/api/v1/session/password"),
                        (ids, r) -> new Trace(List.of("account change-password"), 0, List.of(), Set.of())));
        SCENARIOS.put(
                "createWebhook",
                new Scenario(
                        ids -> subscribe(List.of("article.deleted")),
                        (ids, r) -> new Trace(List.of("webhook create"), 0, List.of(), Set.of())));
        SCENARIOS.put(
                "deleteWebhook",
                new Scenario(
                        ids -> admin().delete("/api/v1/webhooks/"
                                + subscribe(List.of("article.deleted")).path("id")),
                        (ids, r) -> new Trace(List.of("webhook delete"), 0, List.of(), Set.of())));
        SCENARIOS.put(
                "rotateWebhookSecret",
                new Scenario(
                        ids -> admin().post("/api/v1/webhooks/"
                                + subscribe(List.of("article.deleted")).path("id") + "/secret"),
                        (ids, r) -> new Trace(List.of("webhook rotate-secret"), 0, List.of(), Set.of())));
        SCENARIOS.put(
                "redeliverWebhookDelivery",
                new Scenario(
                        ids -> {
                            String webhook =
                                    subscribe(List.of("figure.published")).path("id");
                            json().body(figure("sales", "20")).post("/api/v1/sales-figures");
                            String delivery = admin().get("/api/v1/webhooks/" + webhook + "/deliveries")
                                    .path("items[0].id");
                            return admin().post(
                                            "/api/v1/webhooks/" + webhook + "/deliveries/" + delivery + "/redeliver");
                        },
                        (ids, r) -> new Trace(List.of("webhook-delivery redeliver"), 0, List.of(), Set.of())));
    }

    static {
        SCENARIOS.put(
                "uploadMedia",
                new Scenario(
                        ids -> MediaFixtures.upload(
                                publisher,
                                "trace.jpg",
                                MediaFixtures.jpeg(64, 48, (int) System.nanoTime()),
                                "image/jpeg",
                                Map.of()),
                        (ids, r) -> new Trace(List.of("media create"), 1, List.of(), Set.of("media"))));
        SCENARIOS.put(
                "importMedia",
                new Scenario(
                        ids -> json().body(Map.of(
                                        "publisher",
                                        publisher,
                                        "url",
                                        "http://127.0.0.1:"
                                                + receiver.getAddress().getPort() + "/photo.jpg"))
                                .post("/api/v1/media/imports"),
                        (ids, r) -> new Trace(List.of("media create"), 1, List.of(), Set.of("media"))));
        SCENARIOS.put(
                "describeMedia",
                new Scenario(
                        ids -> {
                            String id = traceImage();
                            return json().body(Map.of("title", "福彩公益活动")).put("/api/v1/media/" + id);
                        },
                        (ids, r) -> new Trace(List.of("media update"), 1, List.of(), Set.of("media"))));
        // a second write of describeMedia: the focal point of a published article's cover moves, and the article
        // follows
        SCENARIOS.put(
                "describeMedia (the focal point of a cover)",
                new Scenario(
                        ids -> {
                            String id = traceImage();
                            Map<String, Object> body = article(publisher, uniqueSlug("trace"));
                            body.put("coverImageId", id);
                            ids.put("article", createArticleId(body));
                            return json().body(Map.of("focalPoint", Map.of("x", 0.3, "y", 0.25)))
                                    .put("/api/v1/media/" + id);
                        },
                        (ids, r) -> new Trace(
                                r.<String>path("id").compareTo(ids.get("article")) < 0
                                        ? List.of("media update", "article refocus")
                                        : List.of("article refocus", "media update"),
                                2,
                                List.of("article.updated", "media.updated"),
                                Set.of("media", "article:" + ids.get("article"), "article-facets of " + publisherId))));
        SCENARIOS.put(
                "deleteMedia",
                new Scenario(
                        ids -> admin().delete("/api/v1/media/" + traceImage()),
                        (ids, r) -> new Trace(List.of("media delete"), 1, List.of("media.deleted"), Set.of("media"))));
    }

    @Test
    void everyWriteOperationOfTheDocumentIsExercised() throws IOException {
        assertEquals(
                new TreeSet<>(writeOperations().toList()),
                new TreeSet<>(SCENARIOS.keySet().stream()
                        .map(scenario -> scenario.split(" ")[0])
                        .toList()));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void leavesEveryTraceItsKindCallsFor(String operationId) throws Exception {
        setUp();
        Scenario scenario = SCENARIOS.get(operationId);
        Map<String, String> ids = new HashMap<>();
        try (Connection listener = db.getConnection()) {
            try (Statement listen = listener.createStatement()) {
                listen.execute("listen cms_changes");
            }
            try {
                // marks are taken before every request the scenario sends: those of the last one, the write, count
                List<Marks> marks = new ArrayList<>();
                RestAssured.filters((request, response, context) -> {
                    marks.add(marks(listener));
                    return context.next(request, response);
                });
                Response response;
                try {
                    response = scenario.write().apply(ids);
                } finally {
                    RestAssured.replaceFiltersWith(List.of());
                }
                assertEquals(2, response.statusCode() / 100, operationId + " answered " + response.statusCode());
                assertEquals(
                        scenario.expected().apply(ids, response),
                        traces(marks.get(marks.size() - 1), listener),
                        operationId);
            } finally {
                try (Statement unlisten = listener.createStatement()) {
                    unlisten.execute("unlisten *");
                }
            }
        }
    }

    /**
     * Where the audit log, the feed and the outbox stood before a write: the newest transaction id of each table (not
     * a timestamp: tests that move the service's clock leave rows stamped in the future).
     */
    record Marks(long auditXid, long feedSeq, long mediaFeedSeq, long outboxXid) {}

    private Marks marks(Connection listener) {
        try {
            listener.unwrap(PGConnection.class).getNotifications(); // drop what came before
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Marks(
                count(db, "select coalesce(max(xmin::text::bigint), 0) from audit_event"),
                count(db, "select coalesce(max(seq), 0) from article_change"),
                count(db, "select coalesce(max(seq), 0) from media_change"),
                count(db, "select coalesce(max(xmin::text::bigint), 0) from webhook_event"));
    }

    /** What was written after the marks, and the change notifications that arrived. */
    private Trace traces(Marks marks, Connection listener) throws SQLException {
        List<String> audit = column(
                db,
                "select resource_type || ' ' || action from audit_event where xmin::text::bigint > ?"
                        + " order by occurred_at, resource_id",
                marks.auditXid());
        int feed = (int) (count(db, "select count(*) from article_change where seq > ?", marks.feedSeq())
                + count(db, "select count(*) from media_change where seq > ?", marks.mediaFeedSeq()));
        List<String> announced = column(
                db,
                "select event_type from webhook_event where xmin::text::bigint > ? and publisher_id = ?::uuid"
                        + " order by created_at, event_type",
                marks.outboxXid(),
                publisherId);
        Set<String> notified = new TreeSet<>();
        PGConnection pg = listener.unwrap(PGConnection.class);
        // the writer waited for its own barrier, so every notification of its transaction is in by now
        PGNotification[] notifications = pg.getNotifications(500);
        for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
            String payload = notification.getParameter();
            if (payload.startsWith("article-facets:")) {
                // the lists the article can be in: named here by the publishers among them
                notified.add("article-facets of "
                        + String.join(
                                ",",
                                new TreeSet<>(Stream.of(payload.substring("article-facets:".length())
                                                .split("\u001f"))
                                        .filter(facet -> facet.matches("p:[0-9a-f-]{36}"))
                                        .map(facet -> facet.substring(2))
                                        .toList())));
            } else if (!payload.startsWith("barrier:")) {
                notified.add(payload);
            }
        }
        return new Trace(audit, feed, announced, notified);
    }

    /** A new image of the publisher's library: its id. */
    private static String traceImage() {
        return MediaFixtures.upload(
                        publisher,
                        "trace.jpg",
                        MediaFixtures.jpeg(64, 48, (int) System.nanoTime()),
                        "image/jpeg",
                        Map.of())
                .path("id");
    }

    /** Every scenario: the write operation's id, and after it what a second scenario of the same operation shows. */
    static Stream<String> scenarios() {
        return SCENARIOS.keySet().stream().sorted();
    }

    static Stream<String> writeOperations() throws IOException {
        JsonNode paths = JSON.readTree(Path.of("openapi/openapi.json").toFile()).get("paths");
        List<String> ids = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> path = paths.fields(); path.hasNext(); ) {
            for (Iterator<Map.Entry<String, JsonNode>> op =
                            path.next().getValue().fields();
                    op.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = op.next();
                if (WRITES.contains(operation.getKey())) {
                    ids.add(operation.getValue().get("operationId").asText());
                }
            }
        }
        return ids.stream().sorted();
    }

    private void setUp() throws IOException {
        if (publisher != null) {
            return;
        }
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        // an image of another site, new bytes each time, for importMedia
        receiver.createContext("/photo.jpg", exchange -> {
            byte[] photo = MediaFixtures.jpeg(64, 48, (int) System.nanoTime());
            exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, photo.length);
            exchange.getResponseBody().write(photo);
            exchange.close();
        });
        receiver.start();
        publisher = createPublisher();
        publisherId = admin().get("/api/v1/publishers/" + publisher).path("id");
        subscribe(List.of(
                        "article.published",
                        "article.updated",
                        "article.unpublished",
                        "article.deleted",
                        "article.review_requested",
                        "figure.published",
                        "figure.imported",
                        "figure.corrected",
                        "figure.retracted",
                        "media.published",
                        "media.updated",
                        "media.unpublished",
                        "media.deleted"))
                .then()
                .statusCode(201);
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static Response subscribe(List<String> events) {
        return json().body(Map.of(
                        "url",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                        "events",
                        events,
                        "publisher",
                        publisher))
                .post("/api/v1/webhooks");
    }

    private static Map<String, Object> figure(String kind, String value) {
        return switch (kind) {
            case "sales" -> sales(publisher, "330300", value, "亿元");
            case "fund" -> fund(publisher, "330300", "raised", value, "万元");
            default -> {
                Map<String, Object> body = sales(publisher, "330300", "0", "元");
                body.remove("amount");
                body.put("period", period("2019-12-31", "2019-12-31", "CUSTOM"));
                body.put("indicator", Map.of("metric", "投注站数量", "value", value, "unit", "家"));
                yield body;
            }
        };
    }

    private static String capitalized(String kind) {
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    }
}
