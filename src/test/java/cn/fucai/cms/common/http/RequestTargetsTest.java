package cn.fucai.cms.common.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.common.http.RequestTargets.Reading;
import cn.fucai.cms.common.http.RequestTargets.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Request targets as they arrive (one char a byte of the request line) and as they are read. */
class RequestTargetsTest {

    /** The request line's bytes of this text in this charset, one char each, as Netty hands them over. */
    private static String arrived(String text, Charset charset) {
        return new String(text.getBytes(charset), StandardCharsets.ISO_8859_1);
    }

    private static Reading query(String query) {
        return RequestTargets.read(new Target("/api/v1/search", query));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = ' ',
            value = {
                "q=100% q=100%25",
                "q=%zz q=%25zz",
                "q=%4 q=%254",
                "q=%%41 q=%25%41",
                "q=a|b q=a%7Cb",
                "q={x} q=%7Bx%7D",
                "q=a^b`c q=a%5Eb%60c",
                "q=\"x\" q=%22x%22",
                "q=<b>\\ q=%3Cb%3E%5C",
                "q=C# q=C%23",
            })
    void whatAUriLeavesOutIsPercentEncodedAndAStrayPercentStandsForItself(String arrived, String read) {
        Reading reading = query(arrived);

        assertEquals(read, reading.target().query());
        assertTrue(reading.encoded());
        assertNull(reading.notUtf8());
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%E7%A6%8F%E5%BD%A9", "q=%41&limit=5", "q=[x]", "q=a+b&cursor=djEf-_~.!*'():@/?", ""})
    void aTargetThatIsAlreadyAUriIsLeftAsItIs(String query) {
        Reading reading = query(query);

        assertSame(query, reading.target().query());
        assertFalse(reading.encoded());
        assertNull(reading.notUtf8());
    }

    @Test
    void bracketsArePercentEncodedInThePathOnly() {
        Reading reading = RequestTargets.read(new Target("/api/v1/publishers/a[1]", "q=[1]"));

        assertEquals("/api/v1/publishers/a%5B1%5D", reading.target().path());
        assertEquals("q=[1]", reading.target().query());
        assertEquals("/api/v1/publishers/a%5B1%5D?q=[1]", reading.target().uri());
    }

    @ParameterizedTest
    @ValueSource(strings = {"福彩", "公益金 743.9万元", "２０２３年", "𠀀 and 😀", "é ü ß", "a%b|c"})
    void rawUtf8ReadsAsTheTextItEncodes(String text) {
        Reading reading = query(
                "q=" + arrived(text, StandardCharsets.UTF_8) + "&publisher=" + arrived(text, StandardCharsets.UTF_8));

        assertTrue(reading.encoded());
        assertNull(reading.notUtf8());
        for (String parameter : reading.target().query().split("&")) {
            String value = parameter.substring(parameter.indexOf('=') + 1);
            assertTrue(value.chars().allMatch(c -> c > 0x20 && c < 0x7F), value);
            assertEquals(text, URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void onlyAsciiHexadecimalDigitsMakeAnEscape() {
        assertEquals("q=%25%EF%BC%90%EF%BC%90", RequestTargets.encode("q=%\uFF10\uFF10", new boolean[0x7F]));
    }

    @Test
    void controlCharactersArePercentEncodedForTheParametersChecksToName() {
        Reading reading = query("q=a\u0001b\u007F");

        assertEquals("q=a%01b%7F", reading.target().query());
        assertNull(reading.notUtf8());
    }

    @Test
    void aQueryParameterInGbkIsNamed() {
        String gbk = arrived("福彩", Charset.forName("GBK"));
        Reading raw = query("limit=5&q=" + gbk);
        Reading percentEncoded = query("limit=5&q=%B8%A3%B2%CA");

        assertEquals("limit=5&q=%B8%A3%B2%CA", raw.target().query());
        for (Reading reading : List.of(raw, percentEncoded)) {
            assertEquals("q", reading.notUtf8().field());
            assertEquals(
                    "is not UTF-8 (%B8%A3%B2%CA, GBK or GB18030 perhaps): percent-encode the UTF-8 bytes of the text,"
                            + " as encodeURIComponent does",
                    reading.notUtf8().message());
        }
        assertTrue(raw.encoded());
        assertFalse(percentEncoded.encoded());
    }

    @Test
    void aPathInGbkIsNamedAsThePath() {
        Reading reading = RequestTargets.read(new Target("/api/v1/publishers/%B8%A3", null));

        assertEquals("path", reading.notUtf8().field());
        assertTrue(reading.notUtf8().message().startsWith("is not UTF-8 (/api/v1/publishers/%B8%A3, "));
    }

    @Test
    void aParameterNameInGbkIsNamedAsItWasSent() {
        assertEquals("%B8%A3", query("%B8%A3=1").notUtf8().field());
        assertEquals("福", query("%E7%A6%8F=%B8").notUtf8().field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%C0%AF", "%ED%A0%80", "%F4%90%80%80", "%E7%A6", "%80"})
    void overlongSurrogateOutOfRangeAndCutSequencesAreNotUtf8(String bytes) {
        assertEquals("q", query("q=" + bytes).notUtf8().field(), bytes);
    }

    /** Whatever byte arrives where, the target read is one that Java's URI takes: nothing reaches the API unparsed. */
    @Test
    void everyByteInPathAndQueryReadsAsAUri() {
        List<Executable> checks = new ArrayList<>();
        for (char c = 0; c <= 0xFF; c++) {
            String arrived = "a" + c + "b";
            Reading reading = RequestTargets.read(new Target("/p/" + arrived, "q=" + arrived + "&" + arrived));
            checks.add(() -> {
                try {
                    new URI(reading.target().uri());
                } catch (URISyntaxException e) {
                    throw new AssertionError(reading.target().uri(), e);
                }
            });
        }
        assertAll(checks);
    }
}
