package cn.fucai.cms.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A value's JSON written once and kept, to be sent again as its bytes: where a page goes straight out as UTF-8 the
 * bytes are copied in, with no serialiser walking the value or encoding its text again; where the page is first made
 * a tree (to leave out fields a caller did not ask for) they are read back as tokens, so the tree is the one the
 * value itself would give. A property of this type declares the schema of what it holds
 * ({@code @Schema(implementation = ...)}).
 */
public final class EncodedJson implements JsonSerializable {

    private static final JsonFactory TOKENS = new JsonFactory();

    private final byte[] utf8;

    private EncodedJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** {@code value} as {@code json} writes it. */
    public static EncodedJson of(ObjectMapper json, Object value) {
        return new EncodedJson(JsonBytes.write(json, value));
    }

    /** How many bytes the JSON takes. */
    public int size() {
        return utf8.length;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        if (generator instanceof UTF8JsonGenerator) {
            generator.writeRawValue(new Utf8(utf8));
            return;
        }
        try (JsonParser parser = TOKENS.createParser(utf8)) {
            parser.nextToken();
            generator.copyCurrentStructure(parser);
        }
    }

    /** The service writes no type ids (no default typing): the JSON is written as it is. */
    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider provider, TypeSerializer types)
            throws IOException {
        serialize(generator, provider);
    }

    /** The bytes as Jackson's pre-encoded text: a raw value copies its unquoted UTF-8 as it is. */
    private record Utf8(byte[] bytes) implements SerializableString {

        private SerializedString text() {
            return new SerializedString(getValue());
        }

        @Override
        public String getValue() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return bytes;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + bytes.length > buffer.length) {
                return -1;
            }
            System.arraycopy(bytes, 0, buffer, offset, bytes.length);
            return bytes.length;
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(bytes);
            return bytes.length;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (bytes.length > buffer.remaining()) {
                return -1;
            }
            buffer.put(bytes);
            return bytes.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            return text().appendUnquoted(buffer, offset);
        }

        @Override
        public char[] asQuotedChars() {
            return text().asQuotedChars();
        }

        @Override
        public byte[] asQuotedUTF8() {
            return text().asQuotedUTF8();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return text().appendQuotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return text().appendQuoted(buffer, offset);
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            return text().writeQuotedUTF8(out);
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            return text().putQuotedUTF8(buffer);
        }
    }
}
