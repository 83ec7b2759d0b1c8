package cn.fucai.cms.operations;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged service (target/quarkus-app, as {@code ./mvnw verify} built it) started as a process of its own for an
 * integration test: on free ports, on the test database, with the test's settings, its output in a log file.
 */
record PackagedService(Process process, String base, URI health, Path log) {

    /** Starts the service with these settings (environment variables) over the defaults; its output goes to {@code log}. */
    static PackagedService start(Map<String, String> settings, Path log) throws IOException {
        int port;
        int managementPort;
        try (ServerSocket socket = new ServerSocket(0);
                ServerSocket management = new ServerSocket(0)) {
            port = socket.getLocalPort();
            managementPort = management.getLocalPort();
        }
        Map<String, String> environment = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", GracefulShutdownIT.databaseUrl(),
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "CMS_MANAGEMENT_PORT", Integer.toString(managementPort)));
        environment.putAll(settings);
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                "target/quarkus-app/quarkus-run.jar");
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new PackagedService(
                builder.start(),
                "http://127.0.0.1:" + port,
                URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"),
                log);
    }

    /** Waits until the readiness check answers 200. */
    PackagedService awaitReady(HttpClient http, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return this;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped at start-up; see " + log);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service was not ready within " + timeout + "; see " + log);
    }
}
