package cn.fucai.cms.media;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A real S3 API server for the tests: S3Proxy (Apache-2.0, from Maven Central; the build copies its jar to
 * target/s3proxy) started as a process of its own on a free port, keeping its objects in files under target/.
 */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    static final String ACCESS_KEY = "cms-test";
    static final String SECRET_KEY = "cms-test-secret-0123456789";
    static final String BUCKET = "cms-media-test";

    private Process process;

    @Override
    public Map<String, String> start() {
        try {
            Path jar = Path.of("target/s3proxy/s3proxy.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: the build copies it (maven-dependency-plugin)");
            }
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path data = Files.createDirectories(Path.of("target/s3proxy/data-" + port));
            Path properties = Path.of("target/s3proxy/s3proxy-" + port + ".conf");
            Files.writeString(
                    properties,
                    String.join(
                            "\n",
                            "s3proxy.endpoint=http://127.0.0.1:" + port,
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + ACCESS_KEY,
                            "s3proxy.credential=" + SECRET_KEY,
                            "jclouds.provider=filesystem",
                            "jclouds.filesystem.basedir=" + data.toAbsolutePath(),
                            ""));
            String java = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(java, "-jar", jar.toString(), "--properties", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(
                            Path.of("target/s3proxy/s3proxy-" + port + ".log").toFile())
                    .start();
            awaitPort(port, Duration.ofSeconds(60));
            return Map.of(
                    "cms.media.store", "s3",
                    "cms.media.s3.endpoint", "http://127.0.0.1:" + port,
                    "cms.media.s3.bucket", BUCKET,
                    "cms.media.s3.access-key", ACCESS_KEY,
                    "cms.media.s3.secret-key", SECRET_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitPort(int port, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "S3Proxy stopped at start-up; see target/s3proxy/s3proxy-" + port + ".log");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
        throw new IOException("S3Proxy did not listen on " + port + " within " + timeout);
    }
}
