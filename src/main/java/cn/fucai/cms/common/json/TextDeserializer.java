package cn.fucai.cms.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;

/** Every string in a request body, refused with its field named when PostgreSQL could not store it faithfully. */
class TextDeserializer extends StdScalarDeserializer<String> {

    TextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        String problem = value == null ? null : TextValues.problem(value);
        if (problem != null) {
            throw new InvalidTextException(parser, problem);
        }
        return value;
    }
}
