package cn.fucai.cms.common.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

/**
 * A {@link PacedBody} arrives whole, with its length or chunked; its source is closed when the client leaves part way;
 * a source that fails at once gets a problem answer, and one that fails part way cuts the connection, so that the
 * client never takes a short body for a whole one.
 */
@QuarkusTest
class PacedBodyTest {

    static volatile CountDownLatch closed = new CountDownLatch(1);

    @TestHTTPResource("/")
    URL base;

    /** Bodies made for this test only, hidden from the OpenAPI document; answered as the media files and exports are. */
    @Path("/test/paced-body")
    @Produces(MediaType.APPLICATION_OCTET_STREAM) // not compressed, so a length given is a length sent
    public static class Bodies {

        @GET
        @Path("/sized")
        @Operation(hidden = true)
        public Response sized(@QueryParam("bytes") int bytes, @QueryParam("known") boolean known) {
            return Response.ok(new PacedBody(new Bytes(bytes, Long.MAX_VALUE), known ? bytes : -1))
                    .build();
        }

        @GET
        @Path("/broken-bare")
        @Operation(hidden = true)
        public PacedBody brokenBare() {
            return new PacedBody(new Bytes(1_000_000, 0), 1_000_000);
        }

        @GET
        @Path("/endless")
        @Operation(hidden = true)
        public Response endless() {
            return Response.ok(PacedBody.of(new Bytes(Long.MAX_VALUE, Long.MAX_VALUE)))
                    .build();
        }

        @GET
        @Path("/broken")
        @Operation(hidden = true)
        public Response broken(@QueryParam("after") long after) {
            return Response.ok(new PacedBody(new Bytes(after + 1_000_000, after), after + 1_000_000))
                    .build();
        }
    }

    @Test
    void aBodyArrivesWholeWithItsLengthOrChunked() {
        for (boolean known : new boolean[] {true, false}) {
            io.restassured.response.Response answer = given().queryParam("bytes", 300_001)
                    .queryParam("known", known)
                    .get("/test/paced-body/sized");
            answer.then().statusCode(200);
            assertArrayEquals(new Bytes(300_001, Long.MAX_VALUE).all(), answer.asByteArray(), "known " + known);
            if (known) {
                assertEquals("300001", answer.header("Content-Length"));
            } else {
                assertEquals("chunked", answer.header("Transfer-Encoding"));
            }
        }
        given().queryParam("bytes", 0)
                .queryParam("known", true)
                .get("/test/paced-body/sized")
                .then()
                .statusCode(200)
                .header("Content-Length", "0");
    }

    @Test
    void theSourceIsClosedWhenTheClientLeavesPartWay() throws Exception {
        closed = new CountDownLatch(1);
        try (Socket client = connect("/test/paced-body/endless")) {
            byte[] start = client.getInputStream().readNBytes(200_000);
            assertEquals(200_000, start.length);
        }
        assertTrue(closed.await(10, TimeUnit.SECONDS), "the endless source closed once the client had gone");
    }

    @Test
    void aSourceThatFailsAtOnceGetsAProblem() {
        for (String path : new String[] {"/test/paced-body/broken?after=0", "/test/paced-body/broken-bare"}) {
            closed = new CountDownLatch(1);
            given().get(path)
                    .then()
                    .statusCode(500)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("the answer could not be written"));
            assertEquals(0, closed.getCount(), "the failed source is closed: " + path);
        }
    }

    @Test
    void aSourceThatFailsPartWayCutsTheConnection() throws Exception {
        closed = new CountDownLatch(1);
        try (Socket client = connect("/test/paced-body/broken?after=500000")) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                client.getInputStream().transferTo(all);
            } catch (IOException reset) {
                // a reset connection is a cut too
            }
            String text = new String(all.toByteArray(), StandardCharsets.ISO_8859_1);
            assertTrue(
                    text.startsWith("HTTP/1.1 200") && text.contains("Content-Length: 1500000"),
                    text.substring(0, 200));
            int body = text.indexOf("\r\n\r\n") + 4;
            assertTrue(all.size() - body < 1_500_000, "fewer bytes than the length announced: " + (all.size() - body));
        }
        assertTrue(closed.await(10, TimeUnit.SECONDS), "the failed source is closed");
    }

    private Socket connect(String path) throws IOException {
        Socket client = new Socket();
        client.setSoTimeout(20_000);
        client.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        client.getOutputStream()
                .write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        return client;
    }

    /** {@code size} bytes of a repeating pattern that fail after {@code failAfter}; counts its closing. */
    private static final class Bytes extends InputStream {
        private final long size;
        private final long failAfter;
        private long position;

        Bytes(long size, long failAfter) {
            this.size = size;
            this.failAfter = failAfter;
        }

        byte[] all() {
            byte[] all = new byte[(int) size];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) (i % 251);
            }
            return all;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= failAfter) {
                throw new IOException("the source broke at byte " + position);
            }
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, Math.min(size, failAfter) - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) ((position + i) % 251);
            }
            position += n;
            return n;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
