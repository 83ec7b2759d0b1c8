package cn.fucai.cms.media;

import static cn.fucai.cms.support.TestData.ADMIN_TOKEN;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.createPublisher;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.TestData;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading a large media file holds its socket and its object in S3, never a worker thread: with a
 * pool of four worker threads, eight clients stalled part way through a 6 MiB PDF leave the service answering everyone
 * else at once, and each gets every byte when it reads again. With the body written from the worker thread (as
 * before {@code PacedBody}), the four threads sat blocked in the writes and the other requests waited for them.
 */
@QuarkusTest
@TestProfile(SlowReadersTest.FourThreadsOnS3.class)
class SlowReadersTest {

    private static final int STALLED = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Media on S3Proxy; a worker pool smaller than the stalled clients. */
    public static class FourThreadsOnS3 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.thread-pool.max-threads", "4");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyResource.class));
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void clientsThatStopReadingAFileHoldNoWorkerThread() throws Exception {
        String publisher = createPublisher();
        byte[] pdf = MediaFixtures.largePdf(6 << 20, 17); // more than the socket buffers of both ends hold
        Response created = admin().contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"report.pdf\"")
                .queryParam("publisher", publisher)
                .body(pdf)
                .post("/api/v1/media");
        created.then().statusCode(201);
        String path = MediaFixtures.path(created.path("url"));

        List<Socket> stalled = new ArrayList<>();
        List<byte[]> starts = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                Socket client = new Socket();
                client.setReceiveBufferSize(4096);
                client.setSoTimeout(30_000);
                client.connect(new InetSocketAddress(base.getHost(), base.getPort()));
                client.getOutputStream()
                        .write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
                                        + ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                byte[] start = client.getInputStream().readNBytes(1024);
                assertTrue(new String(start, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200"), "sending");
                stalled.add(client); // and reads no more for now
                starts.add(start);
            }

            // the stalled downloads hold no thread: other readers and writers are answered at once
            HttpClient others = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> read = others.send(
                    HttpRequest.newBuilder(URI.create(base + "api/v1/publishers/" + publisher))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, read.statusCode(), read.body());
            assertTrue(read.body().contains("\"slug\":\"" + publisher + "\""), read.body());
            Map<String, Object> another = TestData.publisher(TestData.uniqueSlug("slow"));
            another.put("name", "慢读者测试福利彩票中心");
            HttpResponse<String> write = others.send(
                    HttpRequest.newBuilder(URI.create(base + "api/v1/publishers"))
                            .header("Authorization", "Bearer " + ADMIN_TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(another)))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, write.statusCode(), write.body());
            assertTrue(write.body().contains("慢读者测试福利彩票中心"), write.body());

            // the stalled clients read again and get every byte, each
            for (int i = 0; i < STALLED; i++) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                all.writeBytes(starts.get(i));
                stalled.get(i).getInputStream().transferTo(all);
                byte[] answer = all.toByteArray();
                int body = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
                String head = new String(answer, 0, body, StandardCharsets.ISO_8859_1);
                assertTrue(head.contains("Content-Length: " + pdf.length), head);
                assertArrayEquals(pdf, Arrays.copyOfRange(answer, body, answer.length), "the whole PDF");
            }
        } finally {
            for (Socket client : stalled) {
                client.close();
            }
        }
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
