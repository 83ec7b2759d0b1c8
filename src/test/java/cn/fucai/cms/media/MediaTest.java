package cn.fucai.cms.media;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class MediaTest {

    @Inject
    AgroalDataSource db;

    @Inject
    MediaConfig config;

    @Inject
    MediaSweep sweep;

    @Inject
    MediaStore store;

    @Test
    void aJpegUploadedByFormIsServedWithoutMetadataAtEveryWidthAndCachedAsImmutable() throws IOException {
        String publisher = createPublisher();
        byte[] photo = MediaFixtures.jpegWithExif(MediaFixtures.jpeg(2000, 1500, 1), "GPS 30.0 N 120.6 E Canon EOS");

        Response created = MediaFixtures.upload(
                publisher, "公益活动.jpg", photo, "image/jpeg", Map.of("title", "重阳节慰问", "alt", "工作人员看望老人"));

        created.then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/media/" + created.path("id")))
                .body("mediaType", equalTo("image/jpeg"))
                .body("originalName", equalTo("公益活动.jpg"))
                .body("bytes", equalTo(photo.length))
                .body("sha256", equalTo(sha256(photo)))
                // orientation 6: the photograph is shown on its side, so it is 1500 wide
                .body("width", equalTo(1500))
                .body("height", equalTo(2000))
                .body("pages", nullValue())
                .body("title", equalTo("重阳节慰问"))
                .body("alt", equalTo("工作人员看望老人"))
                .body("locale", equalTo("zh-CN"))
                .body("publisher.slug", equalTo(publisher))
                .body("renditions.width", equalTo(List.of(320, 640, 1280)))
                .body("renditions.mediaType", equalTo(List.of("image/jpeg", "image/jpeg", "image/jpeg")));

        Response original = admin().get(MediaFixtures.path(created.path("url")));
        original.then()
                .statusCode(200)
                .contentType("image/jpeg")
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .header("ETag", "\"" + sha256(photo) + "-original\"")
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff");
        byte[] served = original.asByteArray();
        assertFalse(contains(served, "GPS 30.0 N".getBytes(StandardCharsets.US_ASCII)), "the EXIF text is gone");
        assertFalse(contains(served, "Canon".getBytes(StandardCharsets.US_ASCII)), "the camera is gone");
        assertTrue(
                contains(served, "Exif".getBytes(StandardCharsets.US_ASCII)), "a minimal EXIF keeps the orientation");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(served));
        assertEquals(2000, decoded.getWidth(), "the pixels themselves are untouched");

        String w640 = created.path("renditions[1].url");
        BufferedImage rendition = ImageIO.read(
                new ByteArrayInputStream(admin().get(MediaFixtures.path(w640)).asByteArray()));
        assertEquals(640, rendition.getWidth());
        assertEquals(853, rendition.getHeight(), "turned upright: taller than wide");

        // the same rendition as WebP: lossy (VP8), upright, the same size, a fraction of the JPEG's bytes
        String webp640 = created.path("renditions[1].webpUrl");
        assertEquals(w640 + ".webp", webp640);
        Response webp = admin().get(MediaFixtures.path(webp640));
        webp.then()
                .statusCode(200)
                .contentType("image/webp")
                .header("Cache-Control", "private, max-age=31536000, immutable");
        byte[] webpBytes = webp.asByteArray();
        assertEquals("RIFF", new String(webpBytes, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WEBPVP8 ", new String(webpBytes, 8, 8, StandardCharsets.US_ASCII), "lossy WebP for a photograph");
        BufferedImage webpImage = ImageIO.read(new ByteArrayInputStream(webpBytes));
        assertEquals(640, webpImage.getWidth());
        assertEquals(853, webpImage.getHeight());
        assertTrue(
                webpBytes.length < admin().get(MediaFixtures.path(w640)).asByteArray().length,
                "smaller than the JPEG rendition");
        admin().get(MediaFixtures.path(w640 + "x.webp")).then().statusCode(404);

        admin().header("If-None-Match", "\"" + sha256(photo) + "-original\"")
                .get(MediaFixtures.path(created.path("url")))
                .then()
                .statusCode(304);
    }

    @Test
    void pngGifAndWebpAreTakenAndAPngLosesItsTextChunks() throws IOException {
        String publisher = createPublisher();
        byte[] png = withTextChunk(MediaFixtures.png(700, 400, 2), "Author: 张三 GPS 30.0");
        Response pngItem = MediaFixtures.upload(publisher, "chart.png", png, "image/png", Map.of());
        pngItem.then()
                .statusCode(201)
                .body("mediaType", equalTo("image/png"))
                .body("renditions.width", equalTo(List.of(320, 640)))
                .body("renditions.mediaType", equalTo(List.of("image/png", "image/png")));
        byte[] pngWebp = admin().get(MediaFixtures.path(pngItem.path("renditions[0].webpUrl")))
                .asByteArray();
        assertEquals("WEBPVP8L", new String(pngWebp, 8, 8, StandardCharsets.US_ASCII), "lossless WebP for a drawing");
        byte[] served = admin().get(MediaFixtures.path(pngItem.path("url"))).asByteArray();
        assertFalse(contains(served, "tEXt".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(700, ImageIO.read(new ByteArrayInputStream(served)).getWidth());

        MediaFixtures.upload(publisher, "a.gif", MediaFixtures.gif(100, 80, 3), "image/gif", Map.of())
                .then()
                .statusCode(201)
                .body("mediaType", equalTo("image/gif"))
                .body("width", equalTo(100))
                .body("renditions", hasSize(0));
        MediaFixtures.upload(publisher, "a.webp", MediaFixtures.WEBP, "image/webp", Map.of())
                .then()
                .statusCode(201)
                .body("mediaType", equalTo("image/webp"))
                .body("width", equalTo(1));
    }

    static Stream<Arguments> hostileFiles() {
        byte[] jpeg = MediaFixtures.jpeg(800, 600, 4);
        return Stream.of(
                Arguments.of("an SVG with a script", "logo.svg", MediaFixtures.svgWithScript(), 415, "image/svg+xml"),
                Arguments.of("a program named .jpg", "photo.jpg", MediaFixtures.windowsProgram(), 415, "application/"),
                Arguments.of("a PDF with JavaScript", "report.pdf", MediaFixtures.pdf(2, true), 415, "JavaScript"),
                Arguments.of("a truncated JPEG", "cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2), 415, "damaged"),
                Arguments.of(
                        "a PNG declaring 100,000 × 100,000 pixels",
                        "bomb.png",
                        MediaFixtures.pngDeclaring(100_000, 100_000),
                        413,
                        "100000 × 100000 pixels"),
                Arguments.of(
                        "HTML in front of a PDF",
                        "both.pdf",
                        MediaFixtures.concat(
                                "<html><script>alert(1)</script></html>\n".getBytes(StandardCharsets.UTF_8),
                                MediaFixtures.pdf(1, false)),
                        415,
                        "text/html"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void aHostileFileIsRefusedWithAProblemAndNothingIsStored(
            String what, String name, byte[] bytes, int status, String named) throws IOException {
        String publisher = createPublisher();
        long rows = count(db, "select count(*) from media");
        Set<String> files = storedObjects();

        MediaFixtures.upload(publisher, name, bytes, "image/jpeg", Map.of())
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", containsString(named));

        assertEquals(rows, count(db, "select count(*) from media"), "no row for " + what);
        assertEquals(files, storedObjects(), "no object for " + what);
    }

    static Stream<Arguments> formsThatDoNotParse() {
        String part = "--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        String cut = "multipart/form-data; boundary=cut";
        String cutShort = "the multipart body ends before its closing boundary";
        StringBuilder manyFields = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            manyFields
                    .append("--cut\r\nContent-Disposition: form-data; name=\"f")
                    .append(i)
                    .append("\"\r\n\r\nx\r\n");
        }
        String whole = part + "\u00ff\u00d8\u00ff\r\n--cut--\r\n";
        // the last two were a 500: RESTEasy's parser failing with an index out of range, and "Param limit of 1000 was
        // exceeded"
        return Stream.of(
                Arguments.of(
                        "a file part without its closing boundary", cut, part + "\u00ff\u00d8\u00ff partial", cutShort),
                Arguments.of("a JSON body sent as a form", cut, "{\"publisher\":\"x\"}", cutShort),
                Arguments.of("only the first boundary", cut, "--cut\r\n", cutShort),
                Arguments.of(
                        "an empty boundary",
                        "multipart/form-data; boundary=",
                        whole,
                        "the multipart form does not parse"),
                Arguments.of("1,001 fields", cut, manyFields + whole, "the multipart form does not parse"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formsThatDoNotParse")
    void aFormThatDoesNotParseIsA400AndLeavesNothing(String what, String contentType, String body, String detail)
            throws IOException {
        String publisher = createPublisher();
        long rows = count(db, "select count(*) from media");
        Set<String> files = storedObjects();
        Set<String> uploads = temporaryUploads();

        admin().contentType(contentType)
                .queryParam("publisher", publisher)
                .body(body.getBytes(StandardCharsets.ISO_8859_1))
                .post("/api/v1/media")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/malformed-request"))
                .body("detail", startsWith(detail));

        assertEquals(rows, count(db, "select count(*) from media"), "no row for " + what);
        assertEquals(files, storedObjects(), "no object for " + what);
        assertEquals(uploads, temporaryUploads(), "no temporary file left for " + what);
    }

    /** The files of uploads being read (quarkus.http.body.uploads-directory), deleted when their request ends. */
    private static Set<String> temporaryUploads() throws IOException {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "cms-uploads");
        if (!Files.isDirectory(directory)) {
            return Set.of();
        }
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.map(Path::toString).collect(Collectors.toSet());
        }
    }

    @Test
    void anUploadOverTheLimitIsRefusedWhileItStreamsAndLeavesNothing() throws IOException {
        String publisher = createPublisher();
        long rows = count(db, "select count(*) from media");
        Set<String> files = storedObjects();
        byte[] tooLarge = new byte[20 * 1024 * 1024 + 1];
        tooLarge[0] = (byte) 0xFF;

        admin().contentType("image/jpeg")
                .queryParam("publisher", publisher)
                .body(tooLarge)
                .post("/api/v1/media")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("20971520 bytes"));

        assertEquals(rows, count(db, "select count(*) from media"));
        assertEquals(files, storedObjects());
    }

    /** A name that does not decode was a 500 (URLDecoder's IllegalArgumentException). */
    @Test
    void aNameThatIsNotPercentEncodedUtf8IsA400NamingTheHeaderAndLeavesNothing() throws IOException {
        String publisher = createPublisher();
        long rows = count(db, "select count(*) from media");
        Set<String> files = storedObjects();

        admin().contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename*=UTF-8''%ZZ%E5%85.pdf")
                .queryParam("publisher", publisher)
                .body(MediaFixtures.pdf(1, false))
                .post("/api/v1/media")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation-failed"))
                .body("violations[0].field", equalTo("Content-Disposition"))
                .body("detail", startsWith("Content-Disposition: filename* is not UTF-8 percent-encoded"));

        assertEquals(rows, count(db, "select count(*) from media"));
        assertEquals(files, storedObjects());
    }

    @Test
    void aPdfSentAsTheBodyKeepsItsChineseNameAndIsServedInRanges() {
        String publisher = createPublisher();
        byte[] pdf = MediaFixtures.pdf(3, false);

        Response created = admin().contentType("application/pdf")
                .header(
                        "Content-Disposition",
                        "attachment; filename*=UTF-8''"
                                + "2019%E5%B9%B4%E5%85%AC%E7%9B%8A%E9%87%91%E5%85%AC%E5%91%8A.pdf")
                .queryParam("publisher", publisher)
                .queryParam("title", "2019年公益金使用情况公告")
                .body(pdf)
                .post("/api/v1/media");
        created.then()
                .statusCode(201)
                .body("mediaType", equalTo("application/pdf"))
                .body("pages", equalTo(3))
                .body("width", nullValue())
                .body("originalName", equalTo("2019年公益金公告.pdf"))
                .body("title", equalTo("2019年公益金使用情况公告"))
                .body("renditions", hasSize(0));

        String url = MediaFixtures.path(created.path("url"));
        Response whole = admin().get(url);
        whole.then()
                .statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", containsString("filename*=UTF-8''2019%E5%B9%B4"));
        assertArrayEquals(pdf, whole.asByteArray(), "a PDF is served as uploaded");
        // a file may be any type: an Accept that refuses some but not all is served it, one that refuses all is not
        admin().header("Accept", "image/png;q=0, */*")
                .get(url)
                .then()
                .statusCode(200)
                .contentType("application/pdf");
        admin().header("Accept", "*/*;q=0").get(url).then().statusCode(406).contentType("application/problem+json");

        Response part = admin().header("Range", "bytes=100-199").get(url);
        part.then()
                .statusCode(206)
                .header("Content-Range", "bytes 100-199/" + pdf.length)
                .header("Content-Length", "100");
        assertArrayEquals(Arrays.copyOfRange(pdf, 100, 200), part.asByteArray());

        Response tail = admin().header("Range", "bytes=-10").get(url);
        tail.then()
                .statusCode(206)
                .header("Content-Range", "bytes " + (pdf.length - 10) + "-" + (pdf.length - 1) + "/" + pdf.length);
        assertArrayEquals(Arrays.copyOfRange(pdf, pdf.length - 10, pdf.length), tail.asByteArray());

        admin().header("Range", "bytes=" + pdf.length + "-")
                .get(url)
                .then()
                .statusCode(416)
                .contentType("application/problem+json")
                .header("Content-Range", "bytes */" + pdf.length);
    }

    @Test
    void theSameBytesUploadedTwentyTimesAtOnceMakeOneItem() throws Exception {
        String publisher = createPublisher();
        byte[] photo = MediaFixtures.jpeg(900, 600, 5);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Response>> uploads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                uploads.add(() -> MediaFixtures.upload(publisher, "same.jpg", photo, "image/jpeg", Map.of()));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : pool.invokeAll(uploads)) {
                answers.add(answer.get());
            }
            Map<Integer, Long> statuses =
                    answers.stream().collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
            assertEquals(Map.of(201, 1L, 200, 19L), statuses);
            assertEquals(1, answers.stream().map(r -> r.path("id")).distinct().count());
            assertEquals(
                    1,
                    count(
                            db,
                            "select count(*) from media m join publisher p on p.id = m.publisher_id where p.slug = ?",
                            publisher));
        } finally {
            pool.shutdownNow();
        }
        // another publisher's library gets an item of its own
        MediaFixtures.upload(createPublisher(), "same.jpg", photo, "image/jpeg", Map.of())
                .then()
                .statusCode(201);
    }

    @Test
    void anItemIsSeenOnlyByThoseWhoMaySeeItsPublishersDrafts() {
        String publisher = createPublisher();
        String other = createPublisher();
        Response created =
                MediaFixtures.upload(publisher, "a.jpg", MediaFixtures.jpeg(400, 300, 6), "image/jpeg", Map.of());
        String id = created.path("id");
        String url = MediaFixtures.path(created.path("url"));
        String otherEditor = token("editor", other);
        String ownEditor = token("editor", publisher);

        given().get("/api/v1/media/" + id).then().statusCode(404).contentType("application/problem+json");
        given().get(url).then().statusCode(404);
        as(otherEditor).get("/api/v1/media/" + id).then().statusCode(404);
        as(otherEditor).get(url).then().statusCode(404);
        as(ownEditor).get("/api/v1/media/" + id).then().statusCode(200).body("id", equalTo(id));
        as(ownEditor).get(url).then().statusCode(200);
        given().queryParam("publisher", publisher)
                .get("/api/v1/media")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));

        long rows = count(db, "select count(*) from media");
        as(otherEditor)
                .multiPart("file", "b.jpg", MediaFixtures.jpeg(400, 300, 7), "image/jpeg")
                .multiPart("publisher", publisher)
                .post("/api/v1/media")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        assertEquals(rows, count(db, "select count(*) from media"));
    }

    @Test
    void aDescriptionIsReplacedUnderItsVersionAndADeletedItemIsGone() {
        String publisher = createPublisher();
        Response created =
                MediaFixtures.upload(publisher, "a.jpg", MediaFixtures.jpeg(400, 300, 8), "image/jpeg", Map.of());
        String id = created.path("id");
        String etag = admin().get("/api/v1/media/" + id).header("ETag");

        Map<String, Object> description = new LinkedHashMap<>();
        description.put("title", "福彩助学");
        description.put("alt", "学生领取助学金");
        description.put("credit", "温州市福彩中心");
        description.put(
                "translations", List.of(Map.of("locale", "en", "title", "Lottery bursaries", "alt", "Students")));
        json().header("If-Match", "\"99\"")
                .body(description)
                .put("/api/v1/media/" + id)
                .then()
                .statusCode(412);
        assertEquals(0, count(db, "select count(*) from media where id = ?::uuid and title is not null", id));

        json().header("If-Match", etag)
                .body(description)
                .put("/api/v1/media/" + id)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("title", equalTo("福彩助学"))
                .body("credit", equalTo("温州市福彩中心"))
                .body("translations[0].locale", equalTo("en"))
                .body("translations[0].alt", equalTo("Students"));

        description.put("translations", List.of(Map.of("locale", "zh-CN", "title", "重复")));
        json().body(description)
                .put("/api/v1/media/" + id)
                .then()
                .statusCode(400)
                .body("detail", containsString("translations[0].locale"));

        admin().delete("/api/v1/media/" + id).then().statusCode(204);
        admin().get("/api/v1/media/" + id).then().statusCode(410).contentType("application/problem+json");
        admin().get(MediaFixtures.path(created.path("url"))).then().statusCode(404);
        admin().queryParam("publisher", publisher).get("/api/v1/media").then().body("items", hasSize(0));
    }

    @Test
    void aListFiltersByPublisherKindAndWordsAndPagesNewestFirst() {
        String publisher = createPublisher();
        MediaFixtures.upload(
                publisher, "a.jpg", MediaFixtures.jpeg(300, 200, 9), "image/jpeg", Map.of("title", "公益金助学"));
        MediaFixtures.upload(publisher, "b.jpg", MediaFixtures.jpeg(300, 200, 10), "image/jpeg", Map.of("alt", "养老院"));
        MediaFixtures.upload(
                publisher, "c.pdf", MediaFixtures.pdf(1, false), "application/pdf", Map.of("title", "公益金公告"));

        admin().queryParam("publisher", publisher)
                .get("/api/v1/media")
                .then()
                .statusCode(200)
                .body("items.originalName", equalTo(List.of("c.pdf", "b.jpg", "a.jpg")));
        admin().queryParam("publisher", publisher)
                .queryParam("kind", "pdf")
                .get("/api/v1/media")
                .then()
                .body("items.originalName", equalTo(List.of("c.pdf")));
        admin().queryParam("publisher", publisher)
                .queryParam("q", "公益金")
                .get("/api/v1/media")
                .then()
                .body("items.originalName", equalTo(List.of("c.pdf", "a.jpg")));
        Response first = admin().queryParam("publisher", publisher)
                .queryParam("limit", 2)
                .get("/api/v1/media");
        first.then().body("items.originalName", equalTo(List.of("c.pdf", "b.jpg")));
        admin().queryParam("publisher", publisher)
                .queryParam("limit", 2)
                .queryParam("cursor", (String) first.path("nextCursor"))
                .get("/api/v1/media")
                .then()
                .body("items.originalName", equalTo(List.of("a.jpg")))
                .body("nextCursor", nullValue());
    }

    private static RequestSpecification as(String secret) {
        return given().header("Authorization", "Bearer " + secret);
    }

    /** The keys of every object in the media store. */
    @Test
    void theSweepRemovesWhatNoLiveItemNamesOnceItIsOlderThanTheGrace() throws IOException {
        String publisher = createPublisher();
        Response kept =
                MediaFixtures.upload(publisher, "留.jpg", MediaFixtures.jpeg(700, 500, 81), "image/jpeg", Map.of());
        Response deleted =
                MediaFixtures.upload(publisher, "删.jpg", MediaFixtures.jpeg(700, 500, 82), "image/jpeg", Map.of());
        admin().delete("/api/v1/media/" + deleted.path("id")).then().statusCode(204);
        // what a crash between storing the objects and committing the row leaves behind
        String orphan = sha256(("孤儿 " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        Path file = Files.createTempFile("orphan", ".bin");
        try {
            Files.write(file, MediaFixtures.jpeg(64, 48, 83));
            store.put(orphan + "/original", file);
        } finally {
            Files.deleteIfExists(file);
        }
        String keptSha = kept.path("sha256");
        String deletedSha = deleted.path("sha256");

        sweep.sweepOlderThan(Instant.now().minus(Duration.ofHours(1)));
        assertTrue(storedObjects().stream().anyMatch(key -> key.contains(orphan)), "younger than the grace: kept");

        sweep.sweepOlderThan(Instant.now().plusSeconds(60));
        Set<String> objects = storedObjects();
        assertFalse(objects.stream().anyMatch(key -> key.contains(orphan)), "an object no row names is removed");
        assertFalse(objects.stream().anyMatch(key -> key.contains(deletedSha)), "a deleted item's objects are removed");
        for (String variant : List.of("/original", "/w320", "/w640", "/w320.webp", "/w640.webp")) {
            assertTrue(objects.stream().anyMatch(key -> key.endsWith(keptSha + variant)), "kept: " + variant);
        }
        admin().get(MediaFixtures.path(kept.path("renditions[1].webpUrl")))
                .then()
                .statusCode(200);
    }

    Set<String> storedObjects() throws IOException {
        Path store = Path.of(config.dir());
        if (!Files.exists(store)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(Files::isRegularFile).map(Path::toString).collect(Collectors.toSet());
        }
    }

    private static byte[] withTextChunk(byte[] png, String text) {
        byte[] keyword = ("Comment\0" + text).getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update("tEXt".getBytes(StandardCharsets.US_ASCII));
        crc.update(keyword);
        byte[] chunk = MediaFixtures.concat(
                ByteBuffer.allocate(4).putInt(keyword.length).array(),
                "tEXt".getBytes(StandardCharsets.US_ASCII),
                keyword,
                ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        // after the signature (8) and IHDR (25)
        return MediaFixtures.concat(Arrays.copyOfRange(png, 0, 33), chunk, Arrays.copyOfRange(png, 33, png.length));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
