package cn.fucai.cms.media;

import static cn.fucai.cms.support.TestData.admin;

import io.quarkus.arc.Arc;
import io.restassured.response.Response;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;

/** Real files for media tests, made here: images of a given size, PDFs with and without scripts, hostile bytes. */
public final class MediaFixtures {

    /** A lossless 1 × 1 WebP (the bytes browsers' WebP detection uses). */
    public static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private MediaFixtures() {}

    /**
     * Uploads a file with the admin token as multipart/form-data with these text fields, written as browsers write
     * it: names and values in UTF-8.
     */
    public static Response upload(
            String publisher, String name, byte[] bytes, String type, Map<String, String> fields) {
        String boundary = "----cms-test-" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("publisher", publisher);
        for (Map.Entry<String, String> field : all.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                            + "\"\r\n\r\n" + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + "\"\r\nContent-Type: " + type + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return admin().contentType("multipart/form-data; boundary=" + boundary)
                .body(body.toByteArray())
                .post("/api/v1/media");
    }

    /** The path of a URL the service gave, to request it from the test's own address. */
    public static String path(String url) {
        return url.replace("https://cms.test.example", "");
    }

    /** A JPEG photograph of this size, different for each {@code seed}. */
    public static byte[] jpeg(int width, int height, int seed) {
        return image("jpg", width, height, seed, BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] png(int width, int height, int seed) {
        return image("png", width, height, seed, BufferedImage.TYPE_INT_ARGB);
    }

    public static byte[] gif(int width, int height, int seed) {
        return image("gif", width, height, seed, BufferedImage.TYPE_INT_RGB);
    }

    /**
     * The JPEG with an EXIF block right after its start: orientation 6 (turned on its side), a camera make and GPS
     * coordinates spelled out as text inside the block, so a test can look for them in what is served.
     */
    public static byte[] jpegWithExif(byte[] jpeg, String secret) {
        byte[] marker = secret.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 * 2 + 4 + marker.length);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) 6)
                .putShort((short) 0);
        // Make, ASCII, pointing at the secret after the IFD
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(marker.length).putInt(8 + 2 + 24 + 4);
        tiff.putInt(0);
        tiff.put(marker);
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.array());
        byte[] segment = concat(
                new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) ((exif.length + 2) >> 8), (byte) (exif.length + 2)}, exif);
        return concat(Arrays.copyOfRange(jpeg, 0, 2), segment, Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** A PNG whose header declares this size, with one tiny IDAT: a decompression bomb refused from its header. */
    public static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(
                out,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put((byte) 8)
                        .put((byte) 2)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A PDF of this many pages, with a script run on opening when {@code script} is set. */
    public static byte[] pdf(int pages, boolean script) {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage());
            }
            if (script) {
                document.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('公益金');"));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PDF with these lines of text, a page for each list (an empty list, a page without text, as a scan has), set in
     * WenQuanYi Zen Hei (Debian's fonts-wqy-zenhei, which scripts/test.sh installs), embedded as a subset.
     */
    public static byte[] pdfWithText(List<List<String>> pages) {
        return pdfWithScans(pages, Set.of());
    }

    private static final String CHINESE_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

    /** Reads every scanned page waiting for OCR, as the scheduler does where tests do not turn it off. */
    public static void readScannedPages() {
        ScannedPages scans = Arc.container().instance(ScannedPages.class).get();
        while (scans.readRound() > 0) {
            // until none waits
        }
    }

    /**
     * A PDF of letter-size pages, some as a scanner makes them: each page in {@code scanned} (from 1) is a greyscale
     * JPEG of its lines at 200 dpi and has no text; the others have their lines as text.
     */
    public static byte[] pdfWithScans(List<List<String>> pages, Set<Integer> scanned) {
        try (PDDocument document = new PDDocument();
                TrueTypeCollection fonts = new TrueTypeCollection(new File(CHINESE_FONT))) {
            PDType0Font font = PDType0Font.load(document, fonts.getFontByName("WenQuanYiZenHei"), true);
            Font drawn = Font.createFonts(new File(CHINESE_FONT))[0].deriveFont(36f);
            for (int number = 1; number <= pages.size(); number++) {
                List<String> lines = pages.get(number - 1);
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    if (scanned.contains(number)) {
                        BufferedImage scan = new BufferedImage(1700, 2200, BufferedImage.TYPE_BYTE_GRAY);
                        Graphics2D g = scan.createGraphics();
                        g.setColor(Color.WHITE);
                        g.fillRect(0, 0, scan.getWidth(), scan.getHeight());
                        g.setColor(Color.BLACK);
                        g.setFont(drawn);
                        for (int i = 0; i < lines.size(); i++) {
                            g.drawString(lines.get(i), 100, 160 + 60 * i);
                        }
                        g.dispose();
                        PDRectangle box = page.getMediaBox();
                        content.drawImage(
                                JPEGFactory.createFromImage(document, scan, 0.8f),
                                0,
                                0,
                                box.getWidth(),
                                box.getHeight());
                    } else {
                        content.beginText();
                        content.setFont(font, 12);
                        content.setLeading(16);
                        content.newLineAtOffset(50, 740);
                        for (String line : lines) {
                            content.showText(line);
                            content.newLine();
                        }
                        content.endText();
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-page PDF of about {@code bytes} bytes (its content stream is noise), different for each {@code seed}. */
    public static byte[] largePdf(int bytes, long seed) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            byte[] noise = new byte[bytes];
            new Random(seed).nextBytes(noise);
            page.setContents(new PDStream(document, new ByteArrayInputStream(noise)));
            document.addPage(page);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SVG image carrying a script. */
    public static byte[] svgWithScript() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
                  <script>alert(document.cookie)</script><rect width="10" height="10"/>
                </svg>
                """.getBytes(StandardCharsets.UTF_8);
    }

    /** The start of a Windows program. */
    public static byte[] windowsProgram() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        ByteBuffer.wrap(exe).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3C, 0x80);
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        return exe;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] image(String format, int width, int height, int seed, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(Color.HSBtoRGB(seed / 17f, 0.6f, 0.9f)));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.DARK_GRAY);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        // the seed, written into the pixels of the top-left corner: another seed is other bytes
        graphics.setColor(new Color(seed & 0xFFFFFF));
        graphics.fillRect(0, 0, Math.min(8, width), Math.min(8, height));
        graphics.setColor(new Color((seed >>> 8) & 0xFFFFFF));
        graphics.fillRect(Math.min(8, width - 1), 0, Math.min(8, width), Math.min(8, height));
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
