package cn.fucai.cms.article;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.translation;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fields=}: lists, details, search and sync send only what the caller asked for, and say so in their tags. */
@QuarkusTest
class SparseFieldsTest {

    @Test
    void aListSendsOnlyTheSelectedPropertiesOfEachItemAndKeepsItsPaging() {
        String publisher = createPublisher();
        for (int i = 0; i < 3; i++) {
            createArticleId(article(publisher, uniqueSlug("sparse")));
        }
        Response full = given().queryParam("publisher", publisher)
                .queryParam("limit", 2)
                .get("/api/v1/articles");
        Response sparse = given().queryParam("publisher", publisher)
                .queryParam("limit", 2)
                .queryParam("fields", "id,title,publishedAt")
                .get("/api/v1/articles");
        sparse.then().statusCode(200).header("Link", containsString("fields=id%2Ctitle%2CpublishedAt"));
        List<Map<String, Object>> items = sparse.jsonPath().getList("items");
        assertEquals(2, items.size());
        for (Map<String, Object> item : items) {
            assertEquals(Set.of("id", "title", "publishedAt"), item.keySet());
        }
        assertEquals(full.jsonPath().getList("items.id"), sparse.jsonPath().getList("items.id"));
        assertEquals(full.jsonPath().getString("nextCursor"), sparse.jsonPath().getString("nextCursor"));
        assertNotEquals(full.header("ETag"), sparse.header("ETag"));
        assertTrue(sparse.asByteArray().length * 2 < full.asByteArray().length);
        given().queryParam("publisher", publisher)
                .queryParam("limit", 2)
                .queryParam("fields", "id,title,publishedAt")
                .header("If-None-Match", sparse.header("ETag"))
                .get("/api/v1/articles")
                .then()
                .statusCode(304);
    }

    @Test
    void aDetailSendsTheSelectedPropertiesUnderATagOfItsOwnAndAnswers304ToIt() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, uniqueSlug("sparse"));
        body.put("translations", List.of(translation("en", "Sales top two billion")));
        String id = createArticleId(body);
        Response full = given().queryParam("locale", "en").get("/api/v1/articles/" + id);
        Response sparse = given().queryParam("locale", "en")
                .queryParam("fields", "title,locale")
                .get("/api/v1/articles/" + id);
        sparse.then()
                .statusCode(200)
                .header("Content-Language", "en")
                .body("title", equalTo("Sales top two billion"))
                .body("locale", equalTo("en"));
        assertEquals(Set.of("title", "locale"), sparse.jsonPath().getMap("").keySet());
        String fullTag = full.header("ETag");
        // "version.publisherVersion-locale" of the full article, then the selection's own token
        assertTrue(
                sparse.header("ETag").startsWith(fullTag.substring(0, fullTag.length() - 1) + "-f"),
                sparse.header("ETag"));
        assertNotEquals(full.header("ETag"), sparse.header("ETag"));
        given().queryParam("locale", "en")
                .queryParam("fields", "title,locale")
                .header("If-None-Match", sparse.header("ETag"))
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(304);
        // the full representation's tag does not stand for the sparse one
        given().queryParam("locale", "en")
                .queryParam("fields", "title,locale")
                .header("If-None-Match", full.header("ETag"))
                .get("/api/v1/articles/" + id)
                .then()
                .statusCode(200);
        String slug = (String) body.get("slug");
        given().queryParam("fields", "slug")
                .get("/api/v1/publishers/" + publisher + "/articles/" + slug)
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("slug", equalTo(slug));
    }

    @Test
    void searchHitsAndSyncArticlesAreSelectedAndASyncItemKeepsWhatAMirrorNeeds() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, uniqueSlug("sparse"));
        body.put("title", "稀疏字段测试公益金");
        String id = createArticleId(body);
        given().queryParam("q", "稀疏字段")
                .queryParam("publisher", publisher)
                .queryParam("fields", "id,title")
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(id))
                .body("items[0].title", equalTo("稀疏字段测试公益金"))
                .body("items[0].keySet()", equalTo(Set.of("id", "title")));
        // twice: the article is written for the first page, and the second finds it kept as written
        String hash = null;
        for (int read = 0; read < 2; read++) {
            String itsHash = admin().queryParam("publisher", publisher)
                    .queryParam("fields", "id,title")
                    .get("/api/v1/sync/articles")
                    .then()
                    .statusCode(200)
                    .body("items[0].type", equalTo("upsert"))
                    .body("items[0].id", equalTo(id))
                    .body("items[0].article.keySet()", equalTo(Set.of("id", "title")))
                    .body("items[0].article.title", equalTo("稀疏字段测试公益金"))
                    .body("nextCursor", not(equalTo(null)))
                    .extract()
                    .path("items[0].contentHash");
            assertEquals(64, itsHash.length(), "the hash of the whole article, whatever the fields");
            assertTrue(hash == null || hash.equals(itsHash), hash + " then " + itsHash);
            hash = itsHash;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"id,colour", "id,,title", "id;title", "title,body.length", "标题"})
    void anUnknownOrMalformedFieldIsA400NamingFields(String fields) {
        given().queryParam("fields", fields)
                .get("/api/v1/articles")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("fields"))
                .body("violations[0].message", not(containsString("Exception")));
    }

    @Test
    void anUnknownFieldNamesItAndTheChoices() {
        given().queryParam("fields", "id,colour")
                .get("/api/v1/search?q=公益金")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("fields"))
                .body("violations[0].message", containsString("'colour'"))
                .body("violations[0].message", containsString("matchedIn"));
    }
}
