package cn.fucai.cms.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which types an Accept header takes, read as RFC 9110 says: the most specific matching range decides, q=0 refuses. */
class AcceptRefusalsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "application/json                         | application/json | true",
                "application/json;q=0                     | application/json | false",
                "APPLICATION/JSON; Q=0                    | application/json | false",
                "application/json;q=0.000                 | application/json | false",
                "application/json;q=0.001                 | application/json | true",
                "*/*;q=0                                  | application/json | false",
                "application/*;q=0, */*                   | application/json | false",
                "application/json;q=0, */*                | application/json | false",
                "*/*;q=0, application/json;q=0.5          | application/json | true",
                "text/csv;q=0, */*                        | application/json | true",
                "text/csv;q=0, */*                        | text/csv         | false",
                "text/csv                                 | application/json | false",
                "text/csv;q=0, text/csv;q=1               | text/csv         | true",
                "a/b/c, application/json;q=0              | application/json | false",
                "a/b/c, application/json;q=0, text/*;q=1  | text/csv         | true",
                "image/png;q=0, */*                       | */*              | true",
                "image/png;q=0                            | */*              | false",
                "*/*;q=0                                  | */*              | false"
            })
    void theMostSpecificMatchingRangeDecides(String accept, String type, boolean taken) {
        assertEquals(taken, AcceptRefusals.takes(accept, type), accept + " for " + type);
    }
}
