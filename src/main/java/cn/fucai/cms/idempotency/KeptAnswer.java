package cn.fucai.cms.idempotency;

import cn.fucai.cms.common.http.Idempotent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;

/** The first answer to an idempotent write, as kept with its key: what a retry gets again. */
record KeptAnswer(String fingerprint, int status, Map<String, List<String>> headers, byte[] body) {

    /**
     * The answer again, saying that it is a replay. The body goes back as the JSON tree it was (numbers exact): the
     * resource's writer is chosen for its JSON type, so raw bytes would be written as a base64 string.
     */
    RestResponse<Object> replay(ObjectMapper json) throws IOException {
        RestResponse.ResponseBuilder<Object> answer = RestResponse.ResponseBuilder.create(status);
        if (body != null) {
            answer.entity(json.reader()
                    .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .with(JsonNodeFactory.withExactBigDecimals(true))
                    .readTree(body));
        }
        headers.forEach((name, values) -> values.forEach(value -> answer.header(name, value)));
        return answer.header(Idempotent.REPLAYED, "true").build();
    }
}
