package cn.fucai.cms.media;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Images and PDFs of other sites are imported as if uploaded (转存: a WeChat article's images), fetched as a careful
 * client, and never from the service's own network: every refused import answers 400, 413 or 415 naming what is wrong,
 * and stores nothing.
 */
@QuarkusTest
class MediaImportTest {

    private static final byte[] PHOTO =
            MediaFixtures.jpegWithExif(MediaFixtures.jpeg(800, 600, 41), "GPS 28.0N 120.6E");

    private static HttpServer site;
    private static final List<Headers> REQUESTS = new CopyOnWriteArrayList<>();

    @Inject
    AgroalDataSource db;

    @BeforeAll
    static void startSite() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            REQUESTS.add(exchange.getRequestHeaders());
            String path = exchange.getRequestURI().getPath();
            try (exchange) {
                switch (path) {
                    case "/mmbiz_jpg/abc/640", "/photo.jpg" ->
                        send(exchange.getResponseHeaders(), exchange, 200, PHOTO);
                    case "/moved" -> redirect(exchange, "/photo.jpg");
                    case "/inside" -> redirect(exchange, "http://127.0.0.2:" + port() + "/photo.jpg");
                    case "/metadata" -> redirect(exchange, "http://169.254.169.254/latest/meta-data/");
                    case "/loop1", "/loop2", "/loop3", "/loop4" ->
                        redirect(exchange, "/loop" + (Integer.parseInt(path.substring(5)) + 1));
                    case "/page.html" ->
                        send(
                                exchange.getResponseHeaders(),
                                exchange,
                                200,
                                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
                    case "/huge.jpg" -> {
                        exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
                        exchange.sendResponseHeaders(200, 0); // chunked, without end
                        byte[] zeros = new byte[1 << 20];
                        try (OutputStream out = exchange.getResponseBody()) {
                            for (int i = 0; i < 30; i++) {
                                out.write(zeros);
                            }
                        } catch (IOException cutOff) {
                            // the service stopped reading, as it should
                        }
                    }
                    case "/declared-huge.jpg" -> {
                        exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
                        exchange.sendResponseHeaders(200, 30L << 20);
                    }
                    case "/slow.jpg" -> {
                        sleep(4_000);
                        send(exchange.getResponseHeaders(), exchange, 200, PHOTO);
                    }
                    default -> send(exchange.getResponseHeaders(), exchange, 404, new byte[0]);
                }
            } catch (IOException closed) {
                // the service hung up
            }
        });
        site.setExecutor(Executors.newFixedThreadPool(4));
        site.start();
    }

    @AfterAll
    static void stopSite() {
        site.stop(0);
    }

    @Test
    void anImageOfAnotherSiteIsImportedAsIfUploadedWithItsAddressKept() {
        String publisher = createPublisher();
        REQUESTS.clear();
        String url = site("/mmbiz_jpg/abc/640?wx_fmt=jpeg");
        String id = importing(publisher, url, Map.of("alt", "重阳节慰问老人", "credit", "温州福彩微信公众号"))
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/media/[0-9a-f-]{36}$"))
                .body("mediaType", equalTo("image/jpeg"))
                .body("width", equalTo(600)) // upright: its EXIF says it was taken on its side
                .body("height", equalTo(800))
                .body("originalName", equalTo("640"))
                .body("sourceUrl", equalTo(site("/mmbiz_jpg/abc/640")))
                .body("alt", equalTo("重阳节慰问老人"))
                .body("credit", equalTo("温州福彩微信公众号"))
                .extract()
                .path("id");

        Headers sent = REQUESTS.get(0);
        assertNull(sent.getFirst("Referer"), "WeChat answers a foreign Referer with a 'not to be quoted' picture");
        assertNull(sent.getFirst("Cookie"));
        assertEquals("fucai-cms-import/1", sent.getFirst("User-Agent"));
        // served as uploads are: without the EXIF block that carried the location
        byte[] served = admin().get(
                        MediaFixtures.path(admin().get("/api/v1/media/" + id).path("url")))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertEquals(-1, new String(served, StandardCharsets.ISO_8859_1).indexOf("GPS 28.0N"));

        // the same bytes again, from another address: the existing item
        importing(publisher, site("/moved"), Map.of()).statusCode(200).body("id", equalTo(id));
        assertEquals(1, mediaOf(publisher));
    }

    @Test
    void aRedirectIsFollowedAndTheFileNamedAfterWhereItEnded() {
        String publisher = createPublisher();
        importing(publisher, site("/moved"), Map.of("title", "活动照片"))
                .statusCode(201)
                .body("originalName", equalTo("photo.jpg"))
                .body("sourceUrl", equalTo(site("/moved")));
    }

    static Stream<Arguments> refusedImports() {
        return Stream.of(
                Arguments.of("file:///etc/passwd", 400, "must be an absolute http or https URL"),
                Arguments.of("gopher://127.0.0.1/", 400, "must be an absolute http or https URL"),
                Arguments.of("/photo.jpg", 400, "must be an absolute http or https URL"),
                Arguments.of("http://editor:secret@127.0.0.1:{port}/photo.jpg", 400, "must not carry a user name"),
                Arguments.of("http://169.254.169.254/latest/meta-data/", 400, "non-public address (169.254.169.254)"),
                Arguments.of("http://127.0.0.2:{port}/photo.jpg", 400, "non-public address (127.0.0.2)"),
                Arguments.of("http://[::1]:{port}/photo.jpg", 400, "non-public address"),
                Arguments.of("http://10.0.0.1/photo.jpg", 400, "non-public address (10.0.0.1)"),
                Arguments.of("{site}/inside", 400, "non-public address (127.0.0.2)"),
                Arguments.of("{site}/metadata", 400, "non-public address (169.254.169.254)"),
                Arguments.of("{site}/loop1", 400, "redirects more than 3 times"),
                Arguments.of("{site}/gone.jpg", 400, "answered 404"),
                Arguments.of("http://no-such-host.invalid/photo.jpg", 400, "cannot be resolved"),
                Arguments.of("{site}/slow.jpg", 400, "did not send the file within 2 s"),
                Arguments.of("{site}/page.html", 415, "the bytes are text/html"),
                Arguments.of("{site}/huge.jpg", 413, "larger than 20971520 bytes"),
                Arguments.of("{site}/declared-huge.jpg", 413, "larger than 20971520 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedImports")
    void aRefusedImportSaysWhyAndStoresNothing(String url, int status, String why) {
        String publisher = createPublisher();
        String address = url.replace("{site}", site("")).replace("{port}", Integer.toString(port()));
        ValidatableResponse refused =
                importing(publisher, address, Map.of()).statusCode(status).contentType("application/problem+json");
        if (status == 400) {
            refused.body("violations[0].field", equalTo("url")).body("violations[0].message", containsString(why));
        } else {
            refused.body("detail", containsString(why));
        }
        assertEquals(0, mediaOf(publisher), "nothing stored");
    }

    @Test
    void nothingIsFetchedForACallerWhoMayNotWriteForThePublisherOrABodyThatIsNotValid() {
        String publisher = createPublisher();
        String other = createPublisher();
        REQUESTS.clear();
        given().header("Authorization", "Bearer " + token("editor", other))
                .contentType(ContentType.JSON)
                .body(Map.of("publisher", publisher, "url", site("/photo.jpg")))
                .post("/api/v1/media/imports")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        admin().contentType(ContentType.JSON)
                .body(Map.of("publisher", publisher, "url", site("/photo.jpg"), "alt", "长".repeat(1001)))
                .post("/api/v1/media/imports")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("alt"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("publisher", publisher))
                .post("/api/v1/media/imports")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("url"));
        assertEquals(List.of(), REQUESTS, "the site was never asked");
        assertEquals(0, mediaOf(publisher));
    }

    private ValidatableResponse importing(String publisher, String url, Map<String, String> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("publisher", publisher);
        body.put("url", url);
        return admin().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/media/imports")
                .then();
    }

    private long mediaOf(String slug) {
        return count(
                db, "select count(*) from media m join publisher p on p.id = m.publisher_id where p.slug = ?", slug);
    }

    private static String site(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private static int port() {
        return site.getAddress().getPort();
    }

    private static void send(Headers headers, HttpExchange exchange, int status, byte[] body) throws IOException {
        headers.set("Content-Type", status == 200 && body.length > 0 && body[0] == '<' ? "text/html" : "image/jpeg");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
