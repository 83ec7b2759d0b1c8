package cn.fucai.cms.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jboss.logging.Logger;

/**
 * Reads the words of a page image with tesseract (Debian's tesseract-ocr, with tesseract-ocr-chi-sim for Chinese), a
 * program of its own: a page that crashes or hangs it costs that page, never the service. Each run uses one core and is
 * stopped past {@code timeout}; {@code languages} are tesseract's, joined by +.
 */
record Tesseract(String command, String languages, Duration timeout) {

    private static final Logger LOG = Logger.getLogger(Tesseract.class);
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);

    /** Whether the program runs and knows every language it is to read; the log says why not. */
    boolean available() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("cms-ocr");
            Path listed = dir.resolve("languages");
            int exit = run(List.of(command, "--list-langs"), listed, LIST_TIMEOUT);
            List<String> known = Files.readAllLines(listed, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .toList();
            List<String> missing = Arrays.stream(languages.split("\\+"))
                    .filter(language -> !known.contains(language))
                    .toList();
            if (exit != 0 || !missing.isEmpty()) {
                LOG.warnf(
                        "OCR is off: %s does not know %s (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim);"
                                + " scanned pages wait for an instance that can read them",
                        command, missing);
                return false;
            }
            return true;
        } catch (IOException notRunnable) {
            LOG.warnf(
                    "OCR is off: %s does not run (%s; Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim);"
                            + " scanned pages wait for an instance that can read them",
                    command, notRunnable.getMessage());
            return false;
        } finally {
            deleteAll(dir);
        }
    }

    /**
     * The words of the image, line by line as tesseract found them: read as one column of text of any size (page
     * segmentation mode 4), as notices and reports are set, tables row by row; the automatic mode (3) makes up words on
     * a page with little on it.
     */
    String read(BufferedImage image) throws IOException {
        Path dir = Files.createTempDirectory("cms-ocr");
        try {
            Path png = dir.resolve("page.png");
            ImageIO.write(image, "png", png.toFile());
            Path text = dir.resolve("text");
            int exit = run(List.of(command, png.toString(), "stdout", "-l", languages, "--psm", "4"), text, timeout);
            if (exit != 0) {
                throw new IOException(command + " exited with " + exit);
            }
            return Files.readString(text, StandardCharsets.UTF_8);
        } finally {
            deleteAll(dir);
        }
    }

    /** Runs the program with its output in {@code output}; killed when it takes longer than {@code limit}. */
    private static int run(List<String> arguments, Path output, Duration limit) throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(arguments).redirectOutput(output.toFile()).redirectError(Redirect.DISCARD);
        // tesseract would take every core for one page; the service keeps the others
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        Process process = builder.start();
        try {
            process.getOutputStream().close(); // nothing to read on its input
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(arguments.get(0) + " took longer than " + limit + " and was stopped");
            }
            return process.exitValue();
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(arguments.get(0) + " was stopped: the service is stopping", interrupted);
        }
    }

    private static void deleteAll(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a temporary directory left behind is the operating system's to clear
        }
    }
}
