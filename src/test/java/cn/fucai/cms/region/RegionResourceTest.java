package cn.fucai.cms.region;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegionResourceTest {

    @Test
    void regionDataHoldsEveryProvincePrefectureAndCounty() {
        List<String> provinces = allCodes("/api/v1/regions?level=province&limit=100");
        assertEquals(31, provinces.size());
        assertTrue(provinces.containsAll(List.of("110000", "330000", "410000", "650000")));
        assertEquals(333, allCodes("/api/v1/regions?level=prefecture&limit=100").size());
        assertEquals(2975, allCodes("/api/v1/regions?level=county&limit=100").size());
    }

    @Test
    void countyIsServedWithItsParentChain() {
        given().get("/api/v1/regions/330302")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("code", equalTo("330302"))
                .body("name", equalTo("鹿城区"))
                .body("level", equalTo("county"))
                .body("parentCode", equalTo("330300"))
                .body("parents.code", contains("000000", "330000", "330300"))
                .body("parents.name", contains("中国", "浙江省", "温州市"))
                .body("createdAt", containsString("T"));
    }

    @Test
    void countryIsTheRootWithNoParents() {
        given().get("/api/v1/regions/000000")
                .then()
                .statusCode(200)
                .body("name", equalTo("中国"))
                .body("level", equalTo("country"))
                .body("parentCode", nullValue())
                .body("parents", hasSize(0));
    }

    @Test
    void placeholderPrefecturesAreSkippedSoDistrictsHangUnderTheirMunicipality() {
        given().get("/api/v1/regions/110101")
                .then()
                .statusCode(200)
                .body("name", equalTo("东城区"))
                .body("parents.code", contains("000000", "110000"));
        given().get("/api/v1/regions/110100").then().statusCode(404);
        given().get("/api/v1/regions/441900").then().statusCode(200).body("level", equalTo("prefecture"));
    }

    @Test
    void childrenOfAPrefectureAreListedInCodeOrder() {
        given().get("/api/v1/regions?parent=330300&limit=100")
                .then()
                .statusCode(200)
                .body("items.code", hasItem("330302"))
                .body("items.parentCode", everyItem(equalTo("330300")))
                .body("items.level", everyItem(equalTo("county")))
                .body("nextCursor", nullValue());
    }

    @Test
    void pagesFollowEachOtherWithoutDuplicatesAndCarryALinkHeader() {
        Response first = given().get("/api/v1/regions?parent=330000&limit=4");
        first.then().statusCode(200).body("items", hasSize(4)).header("Link", containsString("rel=\"next\""));
        String cursor = first.path("nextCursor");
        Response second = given().queryParam("cursor", cursor).get("/api/v1/regions?parent=330000&limit=4");
        second.then().statusCode(200);
        List<String> codes = new ArrayList<>(first.path("items.code"));
        codes.addAll(second.path("items.code"));
        assertEquals(8, new HashSet<>(codes).size());
        assertEquals(codes.stream().sorted().toList(), codes);
    }

    @Test
    void malformedCodeIs400AndUnknownCodeIs404() {
        given().get("/api/v1/regions/33")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("code"));
        given().get("/api/v1/regions/339999")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("No such resource"))
                .body("detail", containsString("339999"));
    }

    @Test
    void badFiltersAre400NamingTheParameter() {
        given().get("/api/v1/regions?level=city")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("level"))
                .body("violations[0].message", containsString("province"));
        given().get("/api/v1/regions?parent=999999")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("parent"));
        given().get("/api/v1/regions?cursor=%%%").then().statusCode(400).body("violations[0].field", equalTo("cursor"));
        String otherQueryCursor =
                given().get("/api/v1/regions?level=province&limit=1").path("nextCursor");
        given().queryParam("cursor", otherQueryCursor)
                .get("/api/v1/regions?level=county")
                .then()
                .statusCode(400)
                .body("violations[0].message", containsString("another sort order or other filters"));
        given().get("/api/v1/regions?limit=101")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("limit"))
                .body("detail", not(containsString("Exception")));
    }

    private static List<String> allCodes(String firstPage) {
        List<String> codes = TestData.allPages(firstPage, "code");
        assertEquals(codes.size(), new HashSet<>(codes).size(), "no region twice");
        return codes;
    }
}
