package cn.fucai.cms.common.http;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.error.UnsupportedMediaTypeException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Reads a text body (a CSV import) as UTF-8 when it is UTF-8, else in the charset its Content-Type names, and refuses
 * bytes that are neither with a 400 naming the line, instead of turning them into U+FFFD and storing the result: a CSV
 * saved by Excel or WPS on a Chinese Windows is GBK unless saved as "CSV UTF-8", and read as UTF-8 its Chinese would
 * become replacement characters that pass every other check. Such a file is taken as it is when sent with
 * {@code charset=GB18030}. Bytes that are UTF-8 are read as UTF-8 whatever the label, which clients often get wrong
 * (REST Assured labels text ISO-8859-1 unless told otherwise) and which Chinese text in another charset almost never
 * is. A charset Java does not know is a 415.
 */
@Provider
@Consumes("text/*")
public class StrictTextReader implements MessageBodyReader<String> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == String.class;
    }

    @Override
    public String readFrom(
            Class<String> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream)
            throws IOException {
        Charset declared = charsetOf(mediaType);
        byte[] bytes = entityStream.readAllBytes();
        try {
            return decode(bytes, StandardCharsets.UTF_8);
        } catch (InvalidInputException notUtf8) {
            if (declared == null || declared.equals(StandardCharsets.UTF_8)) {
                throw notUtf8;
            }
            return decode(bytes, declared);
        }
    }

    /** The bytes as text in the charset, or a 400 naming the first line that is not. */
    static String decode(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidInputException(
                    "body",
                    "line " + lineAt(bytes, in.position()) + " is not " + charset.name() + " text; save the file as"
                            + " CSV UTF-8, or name its encoding in Content-Type (text/csv; charset=GB18030 for GBK)");
        }
        return out.flip().toString();
    }

    /** The charset Content-Type names; null where it names none. */
    private static Charset charsetOf(MediaType mediaType) {
        String name = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnsupportedMediaTypeException("unknown charset " + name + "; send UTF-8 or GB18030");
        }
    }

    private static int lineAt(byte[] bytes, int position) {
        int line = 1;
        for (int i = 0; i < position && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
