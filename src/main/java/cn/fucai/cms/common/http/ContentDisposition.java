package cn.fucai.cms.common.http;

import cn.fucai.cms.common.error.InvalidInputException;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file's name in a Content-Disposition header (RFC 6266): written as {@code filename*}, percent-encoded UTF-8, which
 * every browser reads, Chinese included; read from a request's {@code filename*} (UTF-8 or ISO-8859-1, RFC 8187)
 * before its plain {@code filename}.
 */
public final class ContentDisposition {

    private static final Pattern FILE_NAME = Pattern.compile(
            "filename\\*\\s*=\\s*(UTF-8|ISO-8859-1)'[^']*'([^;\\s]*)|filename\\s*=\\s*\"?([^\";]+)\"?",
            Pattern.CASE_INSENSITIVE);

    private ContentDisposition() {}

    /** {@code inline; filename*=UTF-8''…} (or another disposition type) for this name. */
    public static String of(String type, String fileName) {
        return type + "; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The name the header gives, or null where it names none. A {@code filename*} that is not percent-encoded text in
     * its charset is a 400 naming the header; the name is taken as sent otherwise (the caller strips paths).
     */
    public static String fileName(String header) {
        if (header == null) {
            return null;
        }
        Matcher matcher = FILE_NAME.matcher(header);
        String plain = null;
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                return decoded(matcher.group(2), Charset.forName(matcher.group(1)));
            }
            plain = plain == null ? matcher.group(3).strip() : plain;
        }
        return plain;
    }

    /** RFC 8187's value-chars: letters, digits and a few marks as themselves ({@code +} too), other bytes as %XX. */
    private static String decoded(String encoded, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length() && isHex(encoded.charAt(i + 1)) && isHex(encoded.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 2;
            } else if (c > ' ' && c < 0x7f && c != '%') {
                bytes.write(c);
            } else {
                throw notEncoded(charset);
            }
        }
        try {
            return charset.newDecoder()
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException malformed) {
            throw notEncoded(charset);
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static InvalidInputException notEncoded(Charset charset) {
        return new InvalidInputException(
                HttpHeaders.CONTENT_DISPOSITION,
                "filename* is not " + charset.name() + " percent-encoded as RFC 8187 says, e.g. filename*=UTF-8''"
                        + "%E5%85%AC%E5%91%8A.pdf for 公告.pdf");
    }
}
