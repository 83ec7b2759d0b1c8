package cn.fucai.cms.common.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The next page's link: the request's own query as sent, every cursor dropped, the next one last. */
class NextLinkTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "/api/v1/articles | NULL | </api/v1/articles?cursor=djEfMTI>; rel=\"next\"",
                "/api/v1/articles | limit=2 | </api/v1/articles?limit=2&cursor=djEfMTI>; rel=\"next\"",
                "/api/v1/articles | cursor=old&limit=2 | </api/v1/articles?limit=2&cursor=djEfMTI>; rel=\"next\"",
                "/api/v1/articles | limit=2&cursor=a&cursor=b&cursor | </api/v1/articles?limit=2&cursor=djEfMTI>; rel=\"next\"",
                "/api/v1/articles | fields=id%2Ctitle&category=%E5%85%AC%E7%9B%8A | "
                        + "</api/v1/articles?fields=id%2Ctitle&category=%E5%85%AC%E7%9B%8A&cursor=djEfMTI>; rel=\"next\"",
                "/api/v1/articles | cursorx=1&&limit=2 | </api/v1/articles?cursorx=1&limit=2&cursor=djEfMTI>; rel=\"next\""
            })
    void theQueryIsKeptAsSentAndTheCursorReplaced(String path, String query, String link) {
        assertEquals(link, PagedResponse.nextLink(path, query, "djEfMTI"));
    }

    @ParameterizedTest
    @CsvSource({"a+b/c=, a%2Bb%2Fc%3D", "djEfMTI, djEfMTI"})
    void aCursorIsEncodedForAQuery(String cursor, String written) {
        assertEquals("</p?cursor=" + written + ">; rel=\"next\"", PagedResponse.nextLink("/p", null, cursor));
    }
}
