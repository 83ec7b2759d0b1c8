package cn.fucai.cms.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OCR program runs apart from the service: one that hangs, fails or is missing costs a page, never the service. */
class TesseractTest {

    private static final BufferedImage BLANK = new BufferedImage(200, 100, BufferedImage.TYPE_BYTE_GRAY);

    @TempDir
    Path dir;

    @Test
    void tesseractWithChineseIsAvailableAndAMissingProgramOrLanguageTurnsOcrOff() {
        assertTrue(new Tesseract("tesseract", "chi_sim+eng", Duration.ofMinutes(1)).available());
        assertFalse(new Tesseract("tesseract", "chi_sim+tlh", Duration.ofMinutes(1)).available());
        assertFalse(new Tesseract(dir.resolve("no-such-program").toString(), "eng", Duration.ofMinutes(1)).available());
    }

    @Test
    void aProgramThatHangsIsStoppedAtTheTimeout() throws IOException {
        Path hanging = script("hangs", "sleep 60");
        long started = System.nanoTime();
        IOException stopped = assertThrows(
                IOException.class, () -> new Tesseract(hanging.toString(), "eng", Duration.ofMillis(500)).read(BLANK));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(stopped.getMessage().contains("took longer than PT0.5S"), stopped.getMessage());
        assertTrue(tookMillis < 10_000, "stopped after " + tookMillis + " ms");
    }

    @Test
    void aProgramThatFailsIsAnErrorNotText() throws IOException {
        Path failing = script("fails", "echo 'half a page' ; exit 3");
        IOException failed = assertThrows(
                IOException.class, () -> new Tesseract(failing.toString(), "eng", Duration.ofMinutes(1)).read(BLANK));
        assertTrue(failed.getMessage().endsWith("exited with 3"), failed.getMessage());
    }

    private Path script(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
