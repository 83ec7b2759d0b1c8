import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault test of {@code scripts/cluster.sh test} (issue #23). Through HAProxy, 8 writers create and correct articles
 * (each POST retried with its Idempotency-Key until it is answered), 32 readers read, a partner mirror follows the
 * change feed and a local receiver takes the webhook deliveries, while the script kills an instance with SIGKILL and
 * restarts it, restarts the replica, and fails over to it. Then it checks, against the database of the new primary:
 * every write answered 2xx is there, the mirror equals the published set, every delivery arrived, and readers saw no
 * 5xx but a 503 with Retry-After. Prints the figures; exits 1 when a check fails.
 * <p>
 * Arguments: the proxy's URL, an admin token, the JDBC URL of the primary after the failover, its user and password.
 */
public class FaultTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private static final int WRITERS = 8;
    private static final int READERS = 32;

    private final String base;
    private final String admin;
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final long started = System.nanoTime();

    /** Every article a writer was answered 2xx for, with the title it last acknowledged. */
    private final Map<UUID, String> acknowledged = new ConcurrentHashMap<>();
    /** Titles sent but never answered (the outcome is unknown): the database may hold them instead. */
    private final Map<UUID, Set<String>> unanswered = new ConcurrentHashMap<>();
    private final Map<UUID, String> slugs = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong writeRetries = new AtomicLong();
    private final AtomicLong unansweredWrites = new AtomicLong();
    private final AtomicLong unansweredCreates = new AtomicLong();
    /** Writes finally answered other than 2xx: every write the test sends is valid, so none should be. */
    private final AtomicLong refusedWrites = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> writeMillis = new ConcurrentLinkedQueue<>();
    /** Writes read back anonymously with Read-After: as written, or not (by what was seen). */
    private final AtomicLong ownReads = new AtomicLong();
    private volatile String behindWhilePaused = "replica not read while paused";
    private String sharedBudget;
    private final List<UUID> scheduled = new ArrayList<>();
    /** When the last scheduled publication comes due: the mirror and the receiver cannot settle before it. */
    private Instant lastDue = Instant.MIN;
    private String primaryUrl;
    private final ConcurrentLinkedQueue<Double> lagMillis = new ConcurrentLinkedQueue<>();
    private boolean sharedBudgetHolds;
    private final Map<String, AtomicLong> ownReadsStale = new ConcurrentHashMap<>();

    private final AtomicLong reads = new AtomicLong();
    private final Map<String, AtomicLong> readOutcomes = new ConcurrentHashMap<>();
    /** Seconds since the start at which readers met a 503, a 5xx or no answer. */
    private final ConcurrentLinkedQueue<Double> troubled = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> troubleDetails = new ConcurrentHashMap<>();

    /** The mirror: article id to content hash, as the change feed built it. */
    private final Map<UUID, String> mirror = new ConcurrentHashMap<>();
    private volatile String mirrorCursor;

    /** Webhook deliveries received, by webhook-id (the delivery's id, the same on every retry). */
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    private final Map<String, String> deliveryBodies = new ConcurrentHashMap<>();

    private String publisher;
    private String syncToken;
    private final List<String> writerTokens = new ArrayList<>();

    FaultTest(String base, String admin) {
        this.base = base;
        this.admin = admin;
    }

    public static void main(String[] args) throws Exception {
        FaultTest test = new FaultTest(args[0], args[1]);
        test.primaryUrl = args[5];
        boolean passed = test.run(args[2], args[3], args[4]);
        System.exit(passed ? 0 : 1);
    }

    boolean run(String jdbcUrl, String user, String password) throws Exception {
        HttpServer receiver = receiver();
        setUp(receiver.getAddress().getPort());
        spendOneBudget();
        schedulePublications();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            threads.add(started(writer(writerTokens.get(i))));
        }
        for (int i = 0; i < READERS; i++) {
            threads.add(started(this::read));
        }
        Thread mirrorThread = started(this::mirror);

        Map<String, Double> faults = new LinkedHashMap<>();
        pause(8);
        faults.put("replay paused on the replica", fault("pause-replay"));
        pause(3);
        // proof that the replica was really behind: what it holds against what writers were told
        try (Connection replica = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement query = replica.prepareStatement(
                        "select count(*) from article a join publisher p on p.id = a.publisher_id"
                                + " where p.slug = ? and a.status = 'published'")) {
            query.setString(1, publisher);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                behindWhilePaused = String.format(
                        "while replay was paused the replica held %d published articles, writers had been told of %d",
                        row.getLong(1), acknowledged.size());
            }
        }
        pause(1);
        faults.put("replay resumed", fault("resume-replay"));
        // the lag under load is sampled once the replica has caught up with the pause
        pause(2);
        Thread lagThread = started(() -> sampleReplicaLag(user, password));
        pause(4);
        faults.put("kill -9 instance 0", fault("kill-instance"));
        pause(5);
        faults.put("instance 0 restarted", fault("restart-instance"));
        pause(10);
        faults.put("replica restarted", fault("restart-replica"));
        pause(10);
        lagThread.interrupt();
        faults.put("failover to the replica", fault("failover"));
        pause(20);
        writing.set(false);
        reading.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double loadEnded = seconds();

        // the mirror and the receiver catch up with everything written
        settle();
        mirrorThread.interrupt();
        mirrorThread.join();
        receiver.stop(0);

        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            return report(db, faults, loadEnded);
        }
    }

    private void setUp(int receiverPort) throws Exception {
        publisher = "cluster-" + Long.toString(System.currentTimeMillis(), 36);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", publisher);
        body.put("name", "集群测试福利彩票发行中心");
        body.put("level", "municipal");
        body.put("kind", "lottery_centre");
        body.put("regionCode", "330300");
        expect(201, send("POST", "/api/v1/publishers", admin, body));
        for (int i = 0; i < WRITERS; i++) {
            writerTokens.add(token("editor", "writer " + i));
        }
        syncToken = token("sync", "mirror");
        expect(
                201,
                send(
                        "POST",
                        "/api/v1/webhooks",
                        admin,
                        Map.of(
                                "url", "http://127.0.0.1:" + receiverPort + "/hook",
                                "events", List.of("article.published", "article.updated", "article.deleted"),
                                "publisher", publisher)));
    }

    /**
     * Articles scheduled to publish every 4 s from 25 s to 141 s after the start, through the kill of an instance, its
     * restart and the replica's restart: each must be published exactly once, by whichever instance claims it.
     */
    private void schedulePublications() throws Exception {
        String token = token("editor", "scheduler");
        for (int i = 0; i < 30; i++) {
            String slug = "s-" + UUID.randomUUID();
            Map<String, Object> body = article(slug, "定时发布 " + i);
            Instant due = Instant.now().plusSeconds(25 + 4L * i);
            body.put("publishedAt", due.toString());
            lastDue = due;
            JsonNode created = expect(201, send("POST", "/api/v1/articles", token, body));
            if (!created.path("status").asText().equals("scheduled")) {
                throw new IllegalStateException("not scheduled: " + created);
            }
            scheduled.add(UUID.fromString(created.path("id").asText()));
        }
    }

    /**
     * One token's budget of expensive reads (60 a minute), spent through HAProxy, which sends every other request to
     * the other instance: the 61st is refused, wherever it lands, because the instances count in one place.
     */
    private void spendOneBudget() throws Exception {
        String token = token("editor", "budget");
        // budgets are per clock minute: start in a minute with time for all 61 searches
        HttpResponse<String> answer = search(token);
        long reset = answer.headers().firstValue("RateLimit-Reset").map(Long::parseLong).orElse(60L);
        int answered = answer.statusCode() == 200 ? 1 : 0;
        if (reset < 20) {
            Thread.sleep((reset + 1) * 1000);
            answered = 0;
        }
        List<String> remaining = new ArrayList<>();
        while (answered < 61) {
            answer = search(token);
            remaining.add(answer.headers().firstValue("RateLimit-Remaining").orElse("?"));
            if (answer.statusCode() != 200) {
                break;
            }
            answered++;
        }
        sharedBudgetHolds = answered == 60 && answer.statusCode() == 429 && answer.headers().firstValue("Retry-After").isPresent();
        sharedBudget = String.format(
                "one budget across both instances: %d searches answered in the minute, then %d%s; RateLimit-Remaining %s … %s",
                answered, answer.statusCode(), answer.headers().firstValue("Retry-After").map(r -> " with Retry-After " + r).orElse(""),
                remaining.subList(0, Math.min(4, remaining.size())), remaining.subList(Math.max(0, remaining.size() - 4), remaining.size()));
    }

    private HttpResponse<String> search(String token) throws Exception {
        return HTTP.send(
                request("/api/v1/search?q=" + URLEncoder.encode("公益金", StandardCharsets.UTF_8), token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String token(String role, String name) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("role", role);
        if (!role.equals("sync")) {
            body.put("publisher", publisher);
        }
        return expect(201, send("POST", "/api/v1/tokens", admin, body)).get("secret").asText();
    }

    /**
     * The replica's replay lag as the primary sees it (pg_stat_replication.replay_lag: from a commit on the primary to
     * its replay on the replica), every 100 ms from after the paused replay until the failover; none is taken while
     * the replica is not connected (its restart).
     */
    private void sampleReplicaLag(String user, String password) {
        while (!Thread.currentThread().isInterrupted()) {
            try (Connection primary = DriverManager.getConnection(primaryUrl, user, password);
                    PreparedStatement lag = primary.prepareStatement("""
                            select coalesce(extract(epoch from replay_lag) * 1000, 0) from pg_stat_replication
                            where application_name = 'cms_replica'""")) {
                while (!Thread.currentThread().isInterrupted()) {
                    try (ResultSet row = lag.executeQuery()) {
                        if (row.next()) {
                            lagMillis.add(row.getDouble(1));
                        }
                    }
                    Thread.sleep(100);
                }
            } catch (SQLException e) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One writer: creates articles and corrects its own, one write every half second. */
    private Runnable writer(String token) {
        return () -> {
            List<UUID> mine = new ArrayList<>();
            int n = 0;
            while (writing.get()) {
                n++;
                try {
                    if (mine.isEmpty() || ThreadLocalRandom.current().nextInt(10) < 6) {
                        String slug = "c-" + UUID.randomUUID();
                        String title = "集群测试文章 " + slug;
                        HttpResponse<String> answer = write("POST", "/api/v1/articles", token, article(slug, title), null);
                        if (answer != null && answer.statusCode() == 201) {
                            UUID id = UUID.fromString(JSON.readTree(answer.body()).get("id").asText());
                            mine.add(id);
                            slugs.put(id, slug);
                            acknowledged.put(id, title);
                            readOwnWrite(answer, id, title);
                        }
                    } else {
                        UUID id = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
                        String title = "更正 " + n + " " + UUID.randomUUID();
                        HttpResponse<String> answer =
                                write("PUT", "/api/v1/articles/" + id, token, article(slugs.get(id), title), id);
                        if (answer != null && answer.statusCode() == 200) {
                            acknowledged.put(id, title);
                            readOwnWrite(answer, id, title);
                        }
                    }
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /**
     * Reads a write back anonymously, as a front end would after an editor saved, sending its Commit-Position as
     * Read-After: whichever instance answers, from the replica or the primary, it must show the write.
     */
    private void readOwnWrite(HttpResponse<String> written, UUID id, String title) throws InterruptedException {
        String position = written.headers().firstValue("Commit-Position").orElse(null);
        if (position == null) {
            ownReadsStale.computeIfAbsent("write answered without Commit-Position", k -> new AtomicLong()).incrementAndGet();
            return;
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                HttpResponse<String> answer = HTTP.send(
                        request("/api/v1/articles/" + id, null).header("Read-After", position).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (answer.statusCode() == 503 || answer.statusCode() == 502) {
                    Thread.sleep(retryAfterMillis(answer));
                    continue;
                }
                String shown = answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("title").asText() : null;
                if (title.equals(shown)) {
                    ownReads.incrementAndGet();
                } else {
                    ownReadsStale.computeIfAbsent(answer.statusCode() + (shown == null ? "" : " an older title"), k -> new AtomicLong())
                            .incrementAndGet();
                }
                return;
            } catch (IOException e) {
                Thread.sleep(500);
            }
        }
        ownReadsStale.computeIfAbsent("no answer", k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * Sends a write until it is answered (an answer other than 503, 502, 504 or 429 is final), a POST always with the
     * same Idempotency-Key; after 60 s without an answer the outcome is unknown and null comes back.
     */
    private HttpResponse<String> write(String method, String path, String token, Map<String, Object> body, UUID id)
            throws InterruptedException, IOException {
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long start = System.nanoTime();
        int attempt = 0;
        boolean sentBefore = false; // a send whose fate is unknown: no answer, or the proxy's 502/504
        while (System.nanoTime() < deadline) {
            if (attempt++ > 0) {
                writeRetries.incrementAndGet();
            }
            try {
                HttpRequest.Builder request = request(path, token)
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .header("Content-Type", "application/json");
                if (method.equals("POST")) {
                    request.header("Idempotency-Key", key);
                }
                HttpResponse<String> answer =
                        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = answer.statusCode();
                // 409 with Retry-After: the first send of this key is still running (its answer was given up on)
                boolean again = status == 503 || status == 502 || status == 504 || status == 429
                        || status == 409 && answer.headers().firstValue("Retry-After").isPresent();
                if (!again) {
                    writes.incrementAndGet();
                    writeMillis.add((System.nanoTime() - start) / 1_000_000);
                    if (status / 100 != 2) {
                        refusedWrites.incrementAndGet();
                        System.out.println("write answered " + status + ": " + answer.body());
                        if (sentBefore && id != null) {
                            // the refused send may have raced an earlier one that did the write
                            unanswered.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add((String) body.get("title"));
                        }
                    }
                    return answer;
                }
                sentBefore |= status == 502 || status == 504;
                Thread.sleep(retryAfterMillis(answer));
            } catch (IOException e) {
                sentBefore = true;
                Thread.sleep(500);
            }
        }
        unansweredWrites.incrementAndGet();
        if (id == null) {
            unansweredCreates.incrementAndGet();
        } else {
            unanswered.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add((String) body.get("title"));
        }
        return null;
    }

    private static long retryAfterMillis(HttpResponse<String> answer) {
        return answer.headers()
                        .firstValue("Retry-After")
                        .map(Long::parseLong)
                        .orElse(1L)
                * 1000;
    }

    private Map<String, Object> article(String slug, String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("publisher", publisher);
        body.put("locale", "zh-CN");
        body.put("slug", slug);
        body.put("title", title);
        body.put("summary", "集群故障测试");
        body.put("body", "<p>全年筹集福彩公益金5.1亿元。</p>");
        body.put("category", "本地新闻");
        body.put("regionCodes", List.of("330302"));
        body.put("status", "published");
        return body;
    }

    /** One reader: articles by id, lists and the feed of the publisher, anonymous, as a front end reads. */
    private void read() {
        List<String> paths = List.of(
                "/api/v1/articles?publisher=%s&limit=20",
                "/api/v1/articles?region=330300&limit=20",
                "/api/v1/articles/%s",
                "/api/v1/publishers/%s");
        while (reading.get()) {
            String path = paths.get(ThreadLocalRandom.current().nextInt(paths.size()));
            if (path.equals("/api/v1/articles/%s")) {
                List<UUID> ids = new ArrayList<>(acknowledged.keySet());
                path = ids.isEmpty() ? "/api/v1/articles" : "/api/v1/articles/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            } else {
                path = path.replace("%s", publisher);
            }
            String outcome;
            try {
                HttpResponse<String> answer = HTTP.send(request(path, null).GET().build(), HttpResponse.BodyHandlers.ofString());
                int status = answer.statusCode();
                outcome = status == 503
                        ? (answer.headers().firstValue("Retry-After").isPresent() ? "503 with Retry-After" : "503 without Retry-After")
                        : status / 100 == 5 || status / 100 == 4 ? status + "" : status / 100 + "xx";
                if (status / 100 == 4) {
                    String detail = answer.body().replaceAll(".*\"detail\":\"([^\"]{0,60}).*", "$1");
                    troubleDetails.computeIfAbsent(status + " " + path.replaceAll("[0-9a-f-]{36}", "{id}") + " " + detail, k -> new AtomicLong())
                            .incrementAndGet();
                }
                if (status / 100 == 5) {
                    troubled.add(seconds());
                    String detail = answer.body().replaceAll(".*\"detail\":\"([^\"]{0,60}).*", "$1");
                    troubleDetails.computeIfAbsent(status + " " + detail, k -> new AtomicLong()).incrementAndGet();
                }
            } catch (IOException e) {
                outcome = "no answer (" + e.getClass().getSimpleName() + ")";
                troubled.add(seconds());
            } catch (InterruptedException e) {
                return;
            }
            reads.incrementAndGet();
            readOutcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** The partner mirror: follows the article feed of the publisher with its own cursor, as long as it runs. */
    private void mirror() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!followFeed()) {
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Reads one page of the feed and applies it; answers whether it held anything. */
    private synchronized boolean followFeed() throws IOException, InterruptedException {
        String path = "/api/v1/sync/articles?publisher=" + publisher + "&limit=100"
                + (mirrorCursor == null ? "" : "&cursor=" + mirrorCursor);
        HttpResponse<String> answer = HTTP.send(request(path, syncToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            return false;
        }
        JsonNode page = JSON.readTree(answer.body());
        apply(page, mirror);
        if (page.hasNonNull("nextCursor")) {
            mirrorCursor = page.get("nextCursor").asText();
        }
        return page.get("items").size() > 0;
    }

    /** A feed page applied to a mirror: upserts store the content hash, removals remove. */
    private static void apply(JsonNode page, Map<UUID, String> into) {
        for (JsonNode item : page.get("items")) {
            UUID id = UUID.fromString(item.get("id").asText());
            if (item.get("type").asText().equals("upsert")) {
                into.put(id, item.get("contentHash").asText());
            } else {
                into.remove(id);
            }
        }
    }

    /**
     * Waits until the last scheduled publication has come due, then until the feed has nothing new twice in a row and
     * no delivery arrived for 5 s (at most 90 s). Quiet before the last one is due means nothing: when the faults ran
     * quickly, the load stopped at 108 s and the mirror settled before the publications due at 129-141 s (CI,
     * 2026-12-06 20:57: four still scheduled, "missing" from the mirror and the receiver).
     */
    private void settle() throws Exception {
        long untilDue = Math.max(0, Duration.between(Instant.now(), lastDue).toNanos());
        long deadline = System.nanoTime() + untilDue + Duration.ofSeconds(90).toNanos();
        int quiet = 0;
        int lastDeliveries = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            boolean more;
            try {
                more = followFeed();
            } catch (IOException e) {
                more = true;
            }
            int received = deliveries.values().stream().mapToInt(Integer::intValue).sum();
            if (received != lastDeliveries) {
                lastDeliveries = received;
                lastChange = System.nanoTime();
            }
            quiet = more || Instant.now().isBefore(lastDue) ? 0 : quiet + 1;
            if (quiet >= 2 && System.nanoTime() - lastChange > Duration.ofSeconds(5).toNanos()) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveries.merge(id, 1, Integer::sum);
            deliveryBodies.put(id, body);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private boolean report(Connection db, Map<String, Double> faults, double loadEnded) throws SQLException, IOException {
        System.out.println();
        System.out.println("== fault test (" + WRITERS + " writers, " + READERS + " readers, 1 mirror, 1 webhook receiver) ==");
        faults.forEach((what, at) -> System.out.printf("%6.1f s  %s%n", at, what));
        System.out.printf("%6.1f s  load stopped%n", loadEnded);

        // 1. every write answered 2xx is in the database
        Map<UUID, String> stored = new HashMap<>();
        Set<UUID> published = new HashSet<>();
        try (PreparedStatement query = db.prepareStatement("""
                select a.id, a.title, a.status = 'published' and a.deleted_at is null
                from article a join publisher p on p.id = a.publisher_id where p.slug = ?""")) {
            query.setString(1, publisher);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getObject(1, UUID.class), rows.getString(2));
                    if (rows.getBoolean(3)) {
                        published.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        }
        int lost = 0;
        for (Map.Entry<UUID, String> write : acknowledged.entrySet()) {
            String title = stored.get(write.getKey());
            boolean later = unanswered.getOrDefault(write.getKey(), Set.of()).contains(title);
            if (title == null || !title.equals(write.getValue()) && !later) {
                lost++;
                System.out.println("lost: " + write.getKey() + " acknowledged '" + write.getValue() + "', stored '" + title + "'");
            }
        }
        // and nothing is stored that no writer was told of, but for creates whose answer never came
        Set<UUID> untold = new HashSet<>(stored.keySet());
        untold.removeAll(acknowledged.keySet());
        untold.removeAll(scheduled);
        boolean accounted = untold.size() <= unansweredCreates.get();
        System.out.printf(
                "stored without an acknowledgement: %d (creates never answered: %d)%n",
                untold.size(), unansweredCreates.get());
        List<Long> latencies = new ArrayList<>(writeMillis);
        latencies.sort(Long::compare);
        System.out.printf(
                "writes: %d answered (%d not 2xx, %d retried sends, %d never answered), %d articles acknowledged,"
                        + " %d lost; answered in p50 %d ms, p99 %d ms (retries included)%n",
                writes.get(), refusedWrites.get(), writeRetries.get(), unansweredWrites.get(), acknowledged.size(), lost,
                percentile(latencies, 0.50), percentile(latencies, 0.99));

        // 2. the mirror holds exactly the published live articles, as does a mirror built afresh now, hash for hash
        Map<UUID, String> fresh = freshMirror();
        Set<UUID> missing = new HashSet<>(published);
        missing.removeAll(mirror.keySet());
        Set<UUID> extra = new HashSet<>(mirror.keySet());
        extra.removeAll(published);
        boolean freshAgrees = fresh.keySet().equals(published);
        long mismatched = mirror.entrySet().stream()
                .filter(e -> fresh.containsKey(e.getKey()) && !fresh.get(e.getKey()).equals(e.getValue()))
                .count();
        System.out.printf(
                "mirror: %d articles, published %d (of %d stored): %d missing, %d extra, %d hash mismatches;"
                        + " fresh mirror: %d, %s%n",
                mirror.size(), published.size(), stored.size(), missing.size(), extra.size(), mismatched, fresh.size(),
                freshAgrees ? "the published set" : "NOT the published set");
        // what each difference is, for a failure to explain itself: the database's status of every article that the
        // mirror, the fresh mirror and the stored set do not agree on
        Set<UUID> differing = new TreeSet<>(missing);
        differing.addAll(extra);
        fresh.keySet().stream().filter(id -> !published.contains(id)).forEach(differing::add);
        published.stream().filter(id -> !fresh.containsKey(id)).forEach(differing::add);
        fresh.keySet().stream().filter(id -> !mirror.containsKey(id)).forEach(differing::add);
        mirror.keySet().stream().filter(id -> !fresh.containsKey(id)).forEach(differing::add);
        try (PreparedStatement query = db.prepareStatement(
                "select status, published_at, deleted_at is not null from article where id = ?")) {
            for (UUID id : differing) {
                query.setObject(1, id);
                try (ResultSet row = query.executeQuery()) {
                    String state = row.next()
                            ? row.getString(1) + ", published at " + row.getString(2) + (row.getBoolean(3) ? ", deleted" : "")
                            : "not in the database";
                    System.out.printf(
                            "  differs: %s (%s; in the mirror %s, in the fresh mirror %s, scheduled by the test %s)%n",
                            id, state, mirror.containsKey(id), fresh.containsKey(id), scheduled.contains(id));
                }
            }
        }

        // 3. every delivery the service made arrived; a second arrival of the same id is an at-least-once retry
        Set<String> made = new HashSet<>();
        try (PreparedStatement query = db.prepareStatement("""
                select d.id, d.status from webhook_delivery d join webhook w on w.id = d.webhook_id
                join publisher p on p.id = w.publisher_id where p.slug = ?""")) {
            query.setString(1, publisher);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    made.add(rows.getString(1));
                }
            }
        }
        Set<String> undelivered = new HashSet<>(made);
        undelivered.removeAll(deliveries.keySet());
        long retried = deliveries.values().stream().filter(count -> count > 1).count();
        Set<UUID> announced = new HashSet<>();
        for (String body : deliveryBodies.values()) {
            JsonNode event = JSON.readTree(body);
            if (event.path("type").asText().equals("article.published")) {
                announced.add(UUID.fromString(event.path("data").path("id").asText()));
            }
        }
        Set<UUID> unannounced = new HashSet<>(acknowledged.keySet());
        unannounced.removeAll(announced);

        // 3b. every scheduled article published once: status, one release in the audit log, one article.published event
        Map<UUID, Integer> publishedEvents = new HashMap<>();
        for (String body : deliveryBodies.values()) {
            JsonNode event = JSON.readTree(body);
            if (event.path("type").asText().equals("article.published")) {
                publishedEvents.merge(UUID.fromString(event.path("data").path("id").asText()), 1, Integer::sum);
            }
        }
        int scheduledWrong = 0;
        try (PreparedStatement query = db.prepareStatement("""
                select a.status, (select count(*) from audit_event e where e.resource_id = a.id::text and e.action = 'release')
                from article a where a.id = ?""")) {
            for (UUID id : scheduled) {
                query.setObject(1, id);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    int events = publishedEvents.getOrDefault(id, 0);
                    if (!row.getString(1).equals("published") || row.getLong(2) != 1 || events != 1) {
                        scheduledWrong++;
                        System.out.printf("scheduled %s: %s, %d releases, %d article.published events%n", id, row.getString(1), row.getLong(2), events);
                    }
                }
            }
        }
        System.out.printf(
                "scheduled publications: %d due during the faults, %d published exactly once (status, one release, one event)%n",
                scheduled.size(), scheduled.size() - scheduledWrong);
        System.out.printf(
                "webhooks: %d deliveries made, %d received, %d missing, %d received more than once (same id:"
                        + " at-least-once retries); %d acknowledged articles without their article.published%n",
                made.size(), deliveries.size(), undelivered.size(), retried, unannounced.size());

        // 4. readers saw no 5xx but a 503 with Retry-After
        System.out.println("reads: " + reads.get() + " " + new TreeMap<>(readOutcomes));
        List<Double> times = new ArrayList<>(troubled);
        times.sort(Double::compare);
        long unexplained = readOutcomes.entrySet().stream()
                .filter(e -> !e.getKey().equals("2xx") && !e.getKey().startsWith("4")
                        && !e.getKey().equals("503 with Retry-After"))
                .mapToLong(e -> e.getValue().get())
                .sum();
        Double failover = faults.get("failover to the replica");
        List<Double> window = times.stream().filter(t -> t >= failover - 1).toList();
        System.out.printf(
                "readers' trouble: %d requests not 2xx/4xx/503+Retry-After; around the failover %s%n",
                unexplained,
                window.isEmpty() ? "none" : String.format("%.1f s (%.1f to %.1f s)", window.get(window.size() - 1) - window.get(0), window.get(0), window.get(window.size() - 1)));

        Map<Integer, Integer> perTenSeconds = new TreeMap<>();
        times.forEach(t -> perTenSeconds.merge((int) (t / 10) * 10, 1, Integer::sum));
        System.out.println("readers' trouble per 10 s (start second = count): " + perTenSeconds);
        System.out.println("readers' 4xx and 5xx by what they said: " + new TreeMap<>(troubleDetails));

        List<Double> lags = new ArrayList<>(lagMillis);
        lags.sort(Double::compare);
        System.out.printf(
                "replica replay lag under the load (%d samples until the failover): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                lags.size(),
                lags.isEmpty() ? 0 : lags.get(lags.size() / 2),
                lags.isEmpty() ? 0 : lags.get(Math.min(lags.size() - 1, (int) Math.ceil(0.99 * lags.size()) - 1)),
                lags.isEmpty() ? 0 : lags.get(lags.size() - 1));

        // 5. rate limits are counted across instances
        System.out.println(sharedBudget);

        // 6. a writer reading its write back anonymously with Read-After sees it
        System.out.println(behindWhilePaused);
        long staleOwnReads = ownReadsStale.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf(
                "read-your-writes: %d writes read back anonymously with Read-After, %d as written, %d not %s%n",
                ownReads.get() + staleOwnReads, ownReads.get(), staleOwnReads, new TreeMap<>(ownReadsStale));

        // a test that wrote nothing proves nothing
        boolean meaningful = acknowledged.size() >= 50 && mirror.size() >= 50 && made.size() >= 50;
        if (!meaningful) {
            System.out.println("too little was written to judge: " + acknowledged.size() + " articles");
        }
        boolean passed = meaningful && lost == 0 && accounted && refusedWrites.get() == 0 && missing.isEmpty() && extra.isEmpty() && freshAgrees && mismatched == 0 && undelivered.isEmpty()
                && unannounced.isEmpty() && unexplained == 0 && staleOwnReads == 0 && sharedBudgetHolds
                && scheduledWrong == 0;
        System.out.println(passed ? "PASSED" : "FAILED");
        return passed;
    }

    /** A second mirror, built now from the start of the feed. */
    private Map<UUID, String> freshMirror() throws IOException {
        Map<UUID, String> fresh = new HashMap<>();
        String cursor = null;
        try {
            while (true) {
                String path = "/api/v1/sync/articles?publisher=" + publisher + "&limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
                JsonNode page = JSON.readTree(HTTP.send(request(path, syncToken).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
                apply(page, fresh);
                if (!page.path("hasMore").asBoolean()) {
                    return fresh;
                }
                cursor = page.get("nextCursor").asText();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fresh;
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        return HTTP.send(
                request(path, token)
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode expect(int status, HttpResponse<String> answer) throws IOException {
        if (answer.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    /** Runs a fault step of scripts/cluster.sh and answers when it started, in seconds since the test began. */
    private double fault(String step) throws IOException, InterruptedException {
        double at = seconds();
        System.out.printf("%6.1f s  fault: %s%n", at, step);
        Process process = new ProcessBuilder("bash", "scripts/cluster.sh", "fault", step).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("fault step " + step + " failed");
        }
        return at;
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    private static void pause(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }
}
