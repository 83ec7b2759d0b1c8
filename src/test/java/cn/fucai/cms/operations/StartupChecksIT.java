package cn.fucai.cms.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.RawHttp;
import cn.fucai.cms.support.RawHttp.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as operators configure it: it refuses to start with settings that would make it unsafe, and says
 * why (issue #15, point 3); Swagger UI can be turned off, and health stays on the management port (point 14).
 */
class StartupChecksIT {

    private static final Path LOG = Path.of("target/startup-checks.log");

    @Test
    void aBootstrapAdminTokenShorterThan32CharactersStopsTheServiceWithAClearMessage() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                "target/quarkus-app/quarkus-run.jar");
        builder.environment()
                .putAll(Map.of(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        GracefulShutdownIT.databaseUrl(),
                        "QUARKUS_HTTP_PORT",
                        "0",
                        "QUARKUS_MANAGEMENT_PORT",
                        "0",
                        "CMS_ADMIN_TOKEN",
                        "admin-token-of-31-characters-xx",
                        "CMS_WEBHOOKS_DISPATCH",
                        "false"));
        builder.redirectErrorStream(true).redirectOutput(LOG.toFile());
        Process service = builder.start();
        try {
            assertTrue(service.waitFor(60, TimeUnit.SECONDS), "the service should stop by itself");
            assertNotEquals(0, service.exitValue());
            String log = Files.readString(LOG, StandardCharsets.UTF_8);
            assertTrue(log.contains("CMS_ADMIN_TOKEN must be at least 32 characters long (it has 31)"), log);
            assertTrue(!log.contains("admin-token-of-31-characters-xx"), "the token itself is never logged");
        } finally {
            service.destroyForcibly();
        }
    }

    @Test
    void swaggerUiCanBeTurnedOffAndHealthIsOnlyOnTheManagementPort() throws Exception {
        Path log = Path.of("target/startup-checks-swagger.log");
        Files.deleteIfExists(log);
        PackagedService started =
                PackagedService.start(Map.of("CMS_SWAGGER_UI", "false", "CMS_WEBHOOKS_DISPATCH", "false"), log);
        Process service = started.process();
        HttpClient http = HttpClient.newHttpClient();
        try {
            started.awaitReady(http, Duration.ofSeconds(60));
            String api = started.base();
            assertEquals(404, status(http, api + "/q/swagger-ui/"));
            assertEquals(200, status(http, api + "/q/openapi"));
            assertEquals(404, status(http, api + "/q/health/ready"));
            assertEquals(404, status(http, api + "/q/metrics"));
            assertEquals(200, status(http, api + "/api/v1"));
        } finally {
            service.destroy();
            service.waitFor(20, TimeUnit.SECONDS);
            service.destroyForcibly();
        }
    }

    /** Main turns Quarkus's check of request targets off, before Quarkus starts, for RequestTargets to read them. */
    @Test
    void thePackagedServiceReadsRequestTargetsAsBrowsersDo() throws Exception {
        Path log = Path.of("target/startup-checks-targets.log");
        Files.deleteIfExists(log);
        PackagedService started = PackagedService.start(Map.of("CMS_WEBHOOKS_DISPATCH", "false"), log);
        Process service = started.process();
        try {
            started.awaitReady(HttpClient.newHttpClient(), Duration.ofSeconds(60));
            URL server = URI.create(started.base()).toURL();
            String line = "GET /api/v1/search?q=温州|100% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
            Answer answer = RawHttp.send(server, line);
            assertEquals(200, answer.status(), answer.toString());
            // with Quarkus's check on, an empty 400
            assertTrue(answer.body().startsWith("{\"items\":["), answer.body());
        } finally {
            service.destroy();
            service.waitFor(20, TimeUnit.SECONDS);
            service.destroyForcibly();
        }
    }

    private static int status(HttpClient http, String url) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
