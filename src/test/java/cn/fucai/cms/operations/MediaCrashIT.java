package cn.fucai.cms.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.media.MediaFixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the packaged service (SIGKILL) while uploads stream in, the moment an upload is seen between its objects being
 * stored and its row being committed (by watching the store and the table, from outside): then objects exist that no
 * item names. No item ever names a missing object;
 * restarted with the sweep on, the service removes the orphans and every item still serves its bytes.
 */
class MediaCrashIT {

    private static final String ADMIN = "media-crash-admin-token-0123456789";
    private static final Path MEDIA = Path.of("target/crash-media");
    private static final Path LOG = Path.of("target/media-crash.log");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String publisher = "crash-" + System.nanoTime();
    private Process service;
    private String base;

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void objectsOfAnUploadCutShortAreSweptAndNoItemLosesItsBytes() throws Exception {
        deleteTree(MEDIA);
        Files.deleteIfExists(LOG);
        Set<String> orphans = Set.of();
        int round = 0;
        for (; round < 20 && orphans.isEmpty(); round++) {
            start(Map.of("CMS_MEDIA_SWEEP_INTERVAL", "off"));
            if (round == 0) {
                createPublisher(publisher);
            }
            uploadUntilKilled(publisher);
            orphans = orphans();
        }
        assertTrue(!orphans.isEmpty(), "no kill landed between storing an upload's objects and committing its row");
        System.out.printf(
                "MediaCrashIT: a kill landed in the window in round %d; %d orphan contents%n", round, orphans.size());
        assertEquals(List.of(), itemsMissingObjects(), "an item names objects that are not stored");

        start(Map.of("CMS_MEDIA_SWEEP_INTERVAL", "1s", "CMS_MEDIA_SWEEP_GRACE", "PT0S"));
        Instant deadline = Instant.now().plusSeconds(30);
        while (!orphans().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertEquals(Set.of(), orphans(), "the sweep left objects no item names");
        assertEquals(List.of(), itemsMissingObjects());
        for (String url : liveUrls()) {
            HttpResponse<byte[]> file = http.send(
                    HttpRequest.newBuilder(URI.create(base + url))
                            .header("Authorization", "Bearer " + ADMIN)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, file.statusCode(), url);
        }
        assertTrue(Files.readString(LOG).contains("media sweep removed"), "the sweep says what it removed");
    }

    /** Three clients upload distinct photographs until the service is killed, at a random moment after the first. */
    private void uploadUntilKilled(String publisher) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger uploaded = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            boolean photos = c == 0;
            Thread client = new Thread(() -> {
                while (!killed.get()) {
                    // a photograph spends most of its time being decoded, a large PDF being stored
                    byte[] file = photos
                            ? MediaFixtures.jpeg(
                                    1600, 1200, ThreadLocalRandom.current().nextInt())
                            : MediaFixtures.largePdf(
                                    4_000_000, ThreadLocalRandom.current().nextLong());
                    try {
                        HttpResponse<String> answer = http.send(
                                HttpRequest.newBuilder(URI.create(base + "/api/v1/media?publisher=" + publisher))
                                        .header("Authorization", "Bearer " + ADMIN)
                                        .header("Content-Type", photos ? "image/jpeg" : "application/pdf")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() == 201) {
                            uploaded.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException cut) {
                        return;
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (uploaded.get() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        // kill the moment an upload is seen between the two steps: objects stored, no row yet (or after 10 s)
        Instant latest = Instant.now().plusSeconds(10);
        while (orphans().isEmpty() && Instant.now().isBefore(latest)) {
            Thread.onSpinWait();
        }
        service.destroyForcibly().waitFor();
        killed.set(true);
        for (Thread client : clients) {
            client.join(10_000);
        }
    }

    /** Contents the store holds that no live item names. */
    private Set<String> orphans() throws IOException, SQLException {
        Set<String> stored = storedContents();
        Set<String> named = new HashSet<>(query("select sha256 from media where deleted_at is null"));
        stored.removeAll(named);
        return stored;
    }

    private List<String> itemsMissingObjects() throws SQLException {
        List<String> missing = new ArrayList<>();
        for (String row : query("select m.sha256 || ' ' || array_to_string(m.renditions, ',') from media m"
                + " join publisher p on p.id = m.publisher_id where p.slug = '" + publisher
                + "' and m.deleted_at is null")) {
            String[] parts = row.split(" ", -1);
            List<String> names = new ArrayList<>(List.of("original"));
            if (!parts[1].isEmpty()) {
                for (String width : parts[1].split(",")) {
                    names.add("w" + width);
                }
            }
            for (String name : names) {
                Path file = MEDIA.resolve(parts[0].substring(0, 2))
                        .resolve(parts[0])
                        .resolve(name);
                if (!Files.isRegularFile(file)) {
                    missing.add(parts[0] + "/" + name);
                }
            }
        }
        return missing;
    }

    private List<String> liveUrls() throws SQLException {
        return query("select '/api/v1/media-files/' || m.sha256 || '/original' from media m"
                + " join publisher p on p.id = m.publisher_id where p.slug = '" + publisher
                + "' and m.deleted_at is null");
    }

    private Set<String> storedContents() throws IOException {
        if (!Files.isDirectory(MEDIA)) {
            return new HashSet<>();
        }
        try (Stream<Path> files = Files.walk(MEDIA, 3)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> file.getParent().getFileName().toString())
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }

    private void createPublisher(String slug) throws IOException, InterruptedException {
        String body = """
                {"slug":"%s","name":"温州市福利彩票发行中心","level":"municipal","kind":"lottery_centre",\
                "regionCode":"330300"}""".formatted(slug);
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/publishers"))
                        .header("Authorization", "Bearer " + ADMIN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
    }

    private void start(Map<String, String> settings) throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(Map.of(
                "CMS_ADMIN_TOKEN", ADMIN, "CMS_LIMITS_WRITES_PER_MINUTE", "0", "CMS_MEDIA_DIR", MEDIA.toString()));
        environment.putAll(settings);
        PackagedService started = PackagedService.start(environment, LOG);
        service = started.process();
        base = started.base();
        started.awaitReady(http, Duration.ofSeconds(60));
    }

    private static List<String> query(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection(
                        GracefulShutdownIT.databaseUrl(),
                        env("QUARKUS_DATASOURCE_USERNAME"),
                        env("QUARKUS_DATASOURCE_PASSWORD"));
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value != null ? value : "cms";
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(file);
            }
        }
    }
}
