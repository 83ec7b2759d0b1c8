package cn.fucai.cms.common;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.translation;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.ServerTiming;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Statements per request, as the Server-Timing header counts them where they are prepared (plain JDBC and Hibernate):
 * one for a detail read, and as many for a page of 100 as for a page of 2.
 */
@QuarkusTest
class StatementCountTest {

    @Test
    void aDetailReadIsOneStatementAndAListIsTheSameNumberWhateverItsLength() {
        String publisher = createPublisher();
        String id = null;
        for (int i = 0; i < 12; i++) {
            Map<String, Object> body = article(publisher, "counted-" + i);
            body.put("tags", List.of("公益金"));
            body.put("translations", List.of(translation("en", "Counted " + i)));
            id = createArticleId(body);
        }
        assertEquals(1, statements(given(), "/api/v1/articles/" + id));
        assertEquals(1, statements(given().header("Accept-Language", "en"), "/api/v1/articles/" + id));

        String list = "/api/v1/articles?publisher=" + publisher + "&locale=en&limit=";
        int small = statements(given(), list + 2);
        int large = statements(given(), list + 100 + "&sort=title");
        assertEquals(small, large, "a page of 100 takes as many statements as a page of 2");
        assertTrue(large <= 3, "a list page is at most 3 statements (publisher, rows, summaries); was " + large);
        // another list of the same articles: each summary is kept by its article's version, whichever list showed it,
        // so no text is read
        assertEquals(large - 1, statements(given(), list + 100 + "&sort=publishedAt"));
        // a list whose last page found most of its summaries not kept (a walk through pages no one listed) is read
        // whole for a while: the page in one statement, the English it is served in in one more
        assertEquals(3, statements(given(), list + 100));
        // but the same page asked again is no walk (readers of one deep page): its summaries were kept when it was read
        assertEquals(large - 1, statements(given(), list + 100));
        // a reader after a write (Read-After) may have renamed the publisher through another instance, which this one
        // has not heard of yet: summaries kept while change stamps hold are not trusted, the page is read whole (the
        // page and its English) and says the same
        String kept = list + 100 + "&sort=publishedAt";
        Response afterAWrite = given().header("Read-After", "0/0").get(kept);
        afterAWrite.then().statusCode(200);
        assertEquals(3, ServerTiming.statements(afterAWrite));
        assertEquals(
                given().get(kept).jsonPath().getList("items"),
                afterAWrite.jsonPath().getList("items"));

        int search = statements(given(), "/api/v1/search?q=公益金&limit=100&publisher=" + publisher);
        assertTrue(search <= 8, "search is a few statements per tier plus one for the page; was " + search);
        // Two pages in the middle of the snapshot (the last page also looks at the feed, whatever its length), after a
        // first request that loads the cursor-signing key once for the life of the service; in two locales, so that
        // neither finds the articles' representations kept by the other.
        statements(admin(), "/api/v1/sync/articles?limit=1");
        String sync = "/api/v1/sync/articles?publisher=" + publisher + "&limit=";
        int written = statements(admin(), sync + "10&locale=en");
        assertEquals(written, statements(admin(), sync + "2&locale=ja"));
        assertTrue(written <= 6, "a sync page is a handful of statements; was " + written);
        // the same page again: each article's representation is kept by its version, so the texts are not read
        assertEquals(written - 1, statements(admin(), sync + "10&locale=en"));
    }

    private static int statements(RequestSpecification request, String url) {
        Response response = request.get(url);
        response.then().statusCode(200);
        return ServerTiming.statements(response);
    }
}
