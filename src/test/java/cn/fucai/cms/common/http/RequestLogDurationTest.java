package cn.fucai.cms.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request log's duration: milliseconds with one decimal, rounded half up, written without a Formatter. */
class RequestLogDurationTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0.0",
        "49999, 0.0",
        "50000, 0.1",
        "1234567, 1.2",
        "1250000, 1.3",
        "9960000, 10.0",
        "12345678901, 12345.7",
        "-5, 0.0"
    })
    void nanosecondsBecomeMillisecondsWithOneDecimal(long nanos, String written) {
        assertEquals(written, RequestLog.tenths(nanos));
    }
}
