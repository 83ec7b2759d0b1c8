package cn.fucai.cms.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Every decimal of a request body is a JSON string of digits ({@link DecimalText}), as the OpenAPI document declares:
 * a JSON number is refused with its field named, since a client's JSON library may already have rounded it.
 */
class DecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

    DecimalDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new InvalidTextException(
                    parser, "must be " + DecimalText.EXPECTED + ", as a JSON string, not a JSON number");
        }
        String text = parser.getText();
        BigDecimal value = DecimalText.parse(text);
        if (value == null) {
            throw new InvalidTextException(parser, DecimalText.problem(text));
        }
        return value;
    }
}
