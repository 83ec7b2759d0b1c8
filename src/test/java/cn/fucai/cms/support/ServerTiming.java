package cn.fucai.cms.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the Server-Timing header of a response says: how many SQL statements its request ran. */
public final class ServerTiming {

    private static final Pattern STATEMENTS = Pattern.compile("sql;desc=\"(\\d+) statements\"");

    private ServerTiming() {}

    public static int statements(Response response) {
        return statements(response.header("Server-Timing"));
    }

    /** The statements a {@code Server-Timing} header counts. */
    public static int statements(String header) {
        Matcher matcher = STATEMENTS.matcher(header == null ? "" : header);
        assertTrue(matcher.matches(), "Server-Timing: " + header);
        return Integer.parseInt(matcher.group(1));
    }
}
