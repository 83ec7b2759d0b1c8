package cn.fucai.cms.publisher;

import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticle;
import static cn.fucai.cms.support.TestData.createProvince;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cn.fucai.cms.support.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublisherResourceTest {

    @Inject
    AgroalDataSource db;

    @Test
    void createAnswers201WithLocationAndETagAndTheStoredPublisher() {
        String slug = uniqueSlug("wenzhou");
        Response created = json().body(publisher(slug)).post("/api/v1/publishers");
        created.then()
                .statusCode(201)
                .header("ETag", notNullValue())
                .body("slug", equalTo(slug))
                .body("name", equalTo("温州市福利彩票发行中心"))
                .body("level", equalTo("municipal"))
                .body("kind", equalTo("lottery_centre"))
                .body("regionCode", equalTo("330300"))
                .body("createdAt", endsWith("Z"));
        String id = created.path("id");
        assertEquals(7, Character.getNumericValue(id.charAt(14)), "time-ordered UUID v7");
        String location = created.header("Location");
        assertEquals("https://cms.test.example/api/v1/publishers/" + id, location);
        given().get(URI.create(location).getPath())
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .header("ETag", equalTo(created.header("ETag")));
        given().get("/api/v1/publishers/" + slug).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void duplicateSlugIs409AndNothingIsWritten() {
        String slug = createPublisher();
        Map<String, Object> again = publisher(slug);
        again.put("name", "另一个中心");
        json().body(again)
                .post("/api/v1/publishers")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(slug));
        assertEquals(1, count(db, "select count(*) from publisher where slug = ?", slug));
    }

    @Test
    void invalidFieldsAre400NamingEachAndNothingIsWritten() {
        String slug = uniqueSlug("bad");
        Map<String, Object> body = publisher(slug);
        body.put("slug", "Not A Slug");
        body.put("name", " ");
        body.put("regionCode", "33");
        body.put("website", "javascript:alert(1)");
        json().body(body)
                .post("/api/v1/publishers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation-failed"))
                .body("violations.field", hasItems("slug", "name", "regionCode", "website"));
        assertEquals(0, count(db, "select count(*) from publisher where name = ' ' or slug = 'Not A Slug'"));

        Map<String, Object> unknownRegion = publisher(slug);
        unknownRegion.put("regionCode", "339999");
        json().body(unknownRegion)
                .post("/api/v1/publishers")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("regionCode"))
                .body("violations[0].message", containsString("339999"));
        Map<String, Object> badLevel = publisher(slug);
        badLevel.put("level", "galactic");
        json().body(badLevel)
                .post("/api/v1/publishers")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("level"));
        assertEquals(0, count(db, "select count(*) from publisher where slug = ?", slug));
    }

    @Test
    void staleIfMatchIsRejectedAndNothingIsWritten() {
        String slug = createPublisher();
        String etag = given().get("/api/v1/publishers/" + slug).header("ETag");
        Map<String, Object> first = publisher(slug);
        first.put("name", "温州市福彩中心");
        String newEtag = json().header("If-Match", etag)
                .body(first)
                .put("/api/v1/publishers/" + slug)
                .then()
                .statusCode(200)
                .body("name", equalTo("温州市福彩中心"))
                .extract()
                .header("ETag");
        assertNotEquals(etag, newEtag);

        Map<String, Object> second = publisher(slug);
        second.put("name", "过期的修改");
        json().header("If-Match", etag)
                .body(second)
                .put("/api/v1/publishers/" + slug)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/precondition-failed"));
        given().get("/api/v1/publishers/" + slug)
                .then()
                .body("name", equalTo("温州市福彩中心"))
                .header("ETag", equalTo(newEtag));
    }

    @Test
    void unchangedPutKeepsVersionAndUpdatedAt() {
        String slug = createPublisher();
        Response before = given().get("/api/v1/publishers/" + slug);
        json().body(publisher(slug))
                .put("/api/v1/publishers/" + slug)
                .then()
                .statusCode(200)
                .header("ETag", equalTo(before.header("ETag")))
                .body("updatedAt", equalTo(before.path("updatedAt")));
    }

    @Test
    void conditionalGetAnswers304WithoutBody() {
        String slug = createPublisher();
        String etag = given().get("/api/v1/publishers/" + slug).header("ETag");
        given().header("If-None-Match", etag)
                .get("/api/v1/publishers/" + slug)
                .then()
                .statusCode(304)
                .header("ETag", equalTo(etag))
                .body(equalTo(""));
    }

    @Test
    void deleteLeavesATombstoneThatAnswers410() {
        String slug = createPublisher();
        admin().delete("/api/v1/publishers/" + slug).then().statusCode(204);
        given().get("/api/v1/publishers/" + slug)
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/gone"));
        admin().delete("/api/v1/publishers/" + slug).then().statusCode(410);
        assertEquals(1, count(db, "select count(*) from publisher where slug = ? and deleted_at is not null", slug));
        given().get("/api/v1/publishers").then().body("items.slug", not(hasItem(slug)));
        // the slug can be used again by a new publisher
        createPublisher(publisher(slug));
        given().get("/api/v1/publishers/" + slug).then().statusCode(200);
    }

    @Test
    void publisherInUseCannotBeDeleted() {
        String parent = createPublisher();
        Map<String, Object> child = publisher(uniqueSlug("child"));
        child.put("parent", parent);
        createPublisher(child);
        admin().delete("/api/v1/publishers/" + parent)
                .then()
                .statusCode(409)
                .body("detail", containsString("1 child publishers"));

        String withArticle = createPublisher();
        createArticle(TestData.article(withArticle, "only-article"));
        admin().delete("/api/v1/publishers/" + withArticle)
                .then()
                .statusCode(409)
                .body("detail", containsString("1 articles"));
        assertEquals(
                0,
                count(
                        db,
                        "select count(*) from publisher where slug in (?, ?) and deleted_at is not null",
                        parent,
                        withArticle));
    }

    @Test
    void parentMustExistAndMustNotCreateACycle() {
        Map<String, Object> orphan = publisher(uniqueSlug("orphan"));
        orphan.put("parent", "no-such-publisher");
        json().body(orphan)
                .post("/api/v1/publishers")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("parent"));

        String top = createPublisher();
        Map<String, Object> middle = publisher(uniqueSlug("middle"));
        middle.put("parent", top);
        String middleSlug = createPublisher(middle);
        Map<String, Object> loop = publisher(top);
        loop.put("parent", middleSlug);
        json().body(loop)
                .put("/api/v1/publishers/" + top)
                .then()
                .statusCode(400)
                .body("violations[0].message", containsString("own ancestor"));
        given().get("/api/v1/publishers/" + top).then().body("parentId", equalTo(null));
    }

    @Test
    void listFiltersByRegionIncludingSubRegionsByLevelAndByParent() {
        String provinceSlug = createProvince("zj");
        Map<String, Object> county = publisher(uniqueSlug("lucheng"));
        county.put("level", "county");
        county.put("regionCode", "330302");
        county.put("parent", provinceSlug);
        String countySlug = createPublisher(county);
        Map<String, Object> henan = publisher(uniqueSlug("henan"));
        henan.put("regionCode", "410100");
        String henanSlug = createPublisher(henan);

        List<String> inZhejiang = allSlugs("/api/v1/publishers?region=330000");
        org.hamcrest.MatcherAssert.assertThat(inZhejiang, hasItems(provinceSlug, countySlug));
        org.hamcrest.MatcherAssert.assertThat(inZhejiang, not(hasItem(henanSlug)));
        org.hamcrest.MatcherAssert.assertThat(allSlugs("/api/v1/publishers?level=county"), hasItem(countySlug));
        assertEquals(List.of(countySlug), allSlugs("/api/v1/publishers?parent=" + provinceSlug));
        given().get("/api/v1/publishers?region=12")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("region"));
        given().get("/api/v1/publishers?kind=bank").then().statusCode(400).body("violations[0].field", equalTo("kind"));
        given().get("/api/v1/publishers?parent=no-such-publisher")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("parent"));
        given().get("/api/v1/publishers?parent=01890000-0000-7000-8000-000000000000")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("parent"));
    }

    @Test
    void unknownPublisherIs404() {
        given().get("/api/v1/publishers/no-such-publisher")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/publishers/01890000-0000-7000-8000-000000000000")
                .then()
                .statusCode(404);
    }

    private static List<String> allSlugs(String url) {
        return TestData.allPages(url + "&limit=100", "slug");
    }
}
