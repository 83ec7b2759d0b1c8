package cn.fucai.cms;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the formatter (./mvnw spotless:check) does not hold: no line over 140 characters (a long string or comment is
 * split by hand), and JDK types imported, never written out in full inline.
 */
class SourceLinesTest {

    private static final int MAX_LENGTH = 140;
    private static final Pattern INLINE_JDK_TYPE = Pattern.compile("\\bjavax?\\.[a-z]+(\\.[a-z]+)*\\.[A-Z]\\w*");

    @Test
    void noLineIsLongerThan140Characters() throws IOException {
        List<String> tooLong = new ArrayList<>();
        forEachLine((where, line) -> {
            if (line.length() > MAX_LENGTH) {
                tooLong.add(where + " has " + line.length() + " characters");
            }
        });
        assertTrue(tooLong.isEmpty(), String.join("\n", tooLong));
    }

    @Test
    void jdkTypesAreImportedNotWrittenInFull() throws IOException {
        List<String> inline = new ArrayList<>();
        forEachLine((where, line) -> {
            String code = line.strip();
            if (!code.startsWith("import ")
                    && !code.startsWith("package ")
                    && !code.startsWith("*")
                    && !code.startsWith("//")
                    && INLINE_JDK_TYPE.matcher(withoutStrings(code)).find()) {
                inline.add(where + ": " + code);
            }
        });
        assertTrue(inline.isEmpty(), String.join("\n", inline));
    }

    private static String withoutStrings(String code) {
        return code.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    }

    private interface LineCheck {
        void check(String where, String line);
    }

    private static void forEachLine(LineCheck check) throws IOException {
        for (String root : List.of("src/main/java", "src/test/java", "bench")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        check.check(file + ":" + (i + 1), lines.get(i));
                    }
                }
            }
        }
    }
}
