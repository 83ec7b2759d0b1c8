import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The media benchmark's files, written to the directory named by the first argument: photo.jpg, a noisy photograph
 * of about 0.9 MB (2400 × 1800), and big.pdf, a one-page PDF of 20,000,000 bytes (its content stream is comments).
 * Run as a source file: java bench/MediaSamples.java target/bench.
 */
public class MediaSamples {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Random random = new Random(2019);
        BufferedImage photo = new BufferedImage(2400, 1800, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                int base = (x / 8 + y / 6) & 0xFF;
                int noise = random.nextInt(24);
                photo.setRGB(
                        x, y, ((base + noise) & 0xFF) << 16 | ((255 - base + noise) & 0xFF) << 8 | random.nextInt(48));
            }
        }
        ImageIO.write(photo, "jpg", out.resolve("photo.jpg").toFile());
        writePdf(out.resolve("big.pdf"), 20_000_000);
    }

    /** A valid one-page PDF of exactly {@code size} bytes. */
    private static void writePdf(Path file, int size) throws IOException {
        String head = "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
                + "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
                + "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R>> endobj\n";
        String tailFormat = "\nendstream endobj\nxref\n0 5\n0000000000 65535 f \n%s%s%s%s"
                + "trailer <</Size 5 /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n";
        // the content stream's length is fixed by the size asked for; offsets follow from it
        int tailLength = String.format(tailFormat, entry(0), entry(0), entry(0), entry(0), 0)
                        .length()
                + 10;
        String streamHead = "4 0 obj <</Length %010d>> stream\n";
        int contentLength = size - head.length() - String.format(streamHead, 0).length() - tailLength;
        byte[] line = "% public-welfare fund report, line of a scanned page\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] contentBytes = new byte[contentLength];
        for (int i = 0; i < contentLength; i++) {
            contentBytes[i] = line[i % line.length];
        }
        contentBytes[contentLength - 1] = '\n';
        int catalog = "%PDF-1.4\n".length();
        int pages = head.indexOf("2 0 obj");
        int page = head.indexOf("3 0 obj");
        int stream = head.length();
        int xref = stream
                + String.format(streamHead, contentBytes.length).length()
                + contentBytes.length
                + "\nendstream endobj\n".length();
        String tail = String.format(tailFormat, entry(catalog), entry(pages), entry(page), entry(stream), xref);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(String.format(streamHead, contentBytes.length).getBytes(StandardCharsets.ISO_8859_1));
            out.write(contentBytes);
            out.write(tail.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static String entry(int offset) {
        return String.format("%010d 00000 n \n", offset);
    }
}
