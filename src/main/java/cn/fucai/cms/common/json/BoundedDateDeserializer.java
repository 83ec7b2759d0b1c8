package cn.fucai.cms.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.function.Function;

/** A date or time of a request body, read as Jackson reads it, then refused with its field named when out of range. */
class BoundedDateDeserializer<T> extends StdScalarDeserializer<T> {

    private final JsonDeserializer<T> reader;
    private final Function<T, String> problem;

    BoundedDateDeserializer(Class<T> type, JsonDeserializer<T> reader, Function<T, String> problem) {
        super(type);
        this.reader = reader;
        this.problem = problem;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        T value = reader.deserialize(parser, context);
        String wrong = value == null ? null : problem.apply(value);
        if (wrong != null) {
            throw new InvalidTextException(parser, wrong);
        }
        return value;
    }
}
