package cn.fucai.cms.common.http;

import cn.fucai.cms.common.error.Problem.FieldViolation;
import cn.fucai.cms.common.error.ProblemType;
import cn.fucai.cms.common.error.RouteProblems;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Request targets read as browsers and most servers read them, instead of Quarkus's empty 400 for any target that
 * {@link java.net.URI} refuses. Quarkus's check is off ({@code vertx.disableURIValidation}, which
 * {@code cn.fucai.cms.Main} and the tests set) and this route, the first of all, stands in for it:
 *
 * <ul>
 *   <li>raw UTF-8 ({@code curl 'http://…/articles?q=福彩'}, PHP's {@code file_get_contents}) is percent-encoded;
 *   <li>so are the characters RFC 3986 leaves out that clients send as they are ({@code " < > \ ^ ` { | } #}, and
 *       {@code [ ]} in the path: {@code fetch('…?q=a|b')} sends the {@code |}), and control characters, which the
 *       parameters' own checks then name;
 *   <li>a {@code %} not followed by two hexadecimal digits stands for itself, as the WHATWG URL standard reads it
 *       ({@code q=100%});
 * </ul>
 *
 * and the request is routed again with its target so encoded. A target whose bytes, raw or percent-encoded, are not
 * UTF-8 (GBK, as legacy pages encode a form) is refused after the request log with a problem+json 400 naming the
 * parameter (or {@code path}): decoded, each such byte would be U+FFFD, and the answer would speak of a slug that does
 * not exist or a search term with nothing to search for, not of the encoding.
 */
@ApplicationScoped
public class RequestTargets {

    /** Before the request log, which then logs the target as encoded here. */
    static final int ORDER = Integer.MIN_VALUE;

    private static final String NOT_UTF8 = "cms.target-not-utf8";

    /** The ASCII characters, besides controls, that a URI's path leaves out; the query takes brackets. */
    private static final boolean[] LEFT_OUT_OF_PATH = leftOut(" \"#<>[\\]^`{|}");

    private static final boolean[] LEFT_OUT_OF_QUERY = leftOut(" \"#<>\\^`{|}");

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    @Inject
    RouteProblems problems;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::encode);
        router.route().order(RequestLog.ORDER + 1).handler(this::refuseIfNotUtf8);
    }

    /** The path and query of a request target as it is to be read; {@code query} null when there is none. */
    record Target(String path, String query) {

        String uri() {
            return query == null ? path : path + "?" + query;
        }
    }

    /** What a target reads as: encoded anew or not, and the part ({@code path} or a parameter) that is not UTF-8. */
    record Reading(Target target, boolean encoded, FieldViolation notUtf8) {}

    private void encode(RoutingContext context) {
        HttpServerRequest request = context.request();
        Reading reading = read(new Target(request.path(), request.query()));
        if (reading.notUtf8() != null) {
            context.put(NOT_UTF8, reading.notUtf8());
        }
        if (reading.encoded() && reading.target().path().startsWith("/")) {
            context.reroute(request.method(), reading.target().uri());
        } else {
            context.next();
        }
    }

    private void refuseIfNotUtf8(RoutingContext context) {
        FieldViolation notUtf8 = context.get(NOT_UTF8);
        if (notUtf8 == null) {
            context.next();
        } else {
            String detail = notUtf8.field() + ": " + notUtf8.message();
            problems.refuse(context, ProblemType.VALIDATION_FAILED, detail, List.of(notUtf8));
        }
    }

    /**
     * Reads a target as it arrived (each byte of the request line one {@code char}, as Netty decodes it): encoded where
     * it has to be, and checked to be UTF-8 once percent-decoded, the path whole and each query parameter apart.
     */
    static Reading read(Target arrived) {
        String path = encode(arrived.path(), LEFT_OUT_OF_PATH);
        String query = arrived.query() == null ? null : encode(arrived.query(), LEFT_OUT_OF_QUERY);
        boolean encoded = !path.equals(arrived.path()) || query != null && !query.equals(arrived.query());
        FieldViolation notUtf8 = isUtf8(path) ? null : notUtf8("path", path);
        if (notUtf8 == null && query != null && !isUtf8(query)) {
            for (String parameter : query.split("&")) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                if (!isUtf8(parameter)) {
                    notUtf8 = notUtf8(isUtf8(name) ? decode(name) : name, parameter.substring(equals + 1));
                    break;
                }
            }
        }
        return new Reading(new Target(path, query), encoded, notUtf8);
    }

    private static FieldViolation notUtf8(String field, String encoded) {
        return new FieldViolation(
                field,
                "is not UTF-8 (" + shorten(encoded) + ", GBK or GB18030 perhaps): percent-encode the UTF-8 bytes of"
                        + " the text, as encodeURIComponent does");
    }

    private static String shorten(String encoded) {
        return encoded.length() <= 60 ? encoded : encoded.substring(0, 60) + "…";
    }

    /** The part with what a URI leaves out percent-encoded; the same string when nothing is. */
    static String encode(String part, boolean[] leftOut) {
        StringBuilder encoded = null;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean escape = c == '%' ? !(isHex(part, i + 1) && isHex(part, i + 2)) : c >= leftOut.length || leftOut[c];
            if (escape && encoded == null) {
                encoded = new StringBuilder(part.length() + 16).append(part, 0, i);
            }
            if (encoded == null) {
                continue;
            }
            if (escape && c > 0xFF) {
                // not from a request line, where each char is one byte (0 to 255): its UTF-8 bytes
                encoded.append(encode(
                        new String(String.valueOf(c).getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1),
                        leftOut));
            } else if (escape) {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                encoded.append(c);
            }
        }
        return encoded == null ? part : encoded.toString();
    }

    /** Left out, by ASCII code up to {@code ~}: the controls and these; DEL and every char above it are left out too. */
    private static boolean[] leftOut(String characters) {
        boolean[] table = new boolean[0x7F];
        for (char c = 0; c < 0x20; c++) {
            table[c] = true;
        }
        for (char c : characters.toCharArray()) {
            table[c] = true;
        }
        return table;
    }

    /** Whether an ASCII hexadecimal digit stands at {@code i}, as RFC 3986 has them (not any Unicode digit). */
    private static boolean isHex(String s, int i) {
        if (i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** Whether the bytes of a percent-encoded ASCII string, once decoded, are UTF-8. */
    static boolean isUtf8(String encoded) {
        if (encoded.indexOf('%') < 0) {
            return true;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes(encoded)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String decode(String encoded) {
        return new String(bytes(encoded), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                bytes.write(
                        Character.digit(encoded.charAt(i + 1), 16) << 4 | Character.digit(encoded.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }
}
