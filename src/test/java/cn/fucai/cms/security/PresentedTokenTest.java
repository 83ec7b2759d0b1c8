package cn.fucai.cms.security;

import static cn.fucai.cms.support.TestData.ADMIN_TOKEN;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.restassured.response.Response;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A presented Authorization header is always checked, on every route, before any work (issue #15, point 1 and 3). */
@QuarkusTest
class PresentedTokenTest {

    private static final List<String> ROUTES = List.of(
            "/api/v1",
            "/api/v1/articles",
            "/api/v1/sales-figures/summary?groupBy=year",
            "/api/v1/search?q=%E7%A6%8F%E5%BD%A9",
            "/api/v1/feed.atom",
            "/api/v1/regions/330000",
            "/disclosures/",
            "/",
            "/api/v1/no-such-route");

    @Inject
    AgroalDataSource db;

    @Inject
    @Any
    Instance<HttpAuthenticationMechanism> mechanisms;

    @Test
    void aBogusRevokedOrMalformedAuthorizationHeaderGets401ProblemOnEveryRoute() {
        Response created =
                json().body(Map.of("name", "将被撤销的同步令牌", "role", "sync")).post("/api/v1/tokens");
        String revoked = created.path("secret");
        String revokedId = created.path("token.id");
        admin().delete("/api/v1/tokens/" + revokedId).then().statusCode(200);
        for (String header : List.of(
                "Bearer x1", "Bearer " + revoked, "Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "", "bearer x2")) {
            for (String route : ROUTES) {
                given().header("Authorization", header)
                        .get(route)
                        .then()
                        .statusCode(401)
                        .contentType("application/problem+json")
                        .header("WWW-Authenticate", equalTo("Bearer realm=\"welfare-lottery-cms\""))
                        .header("Cache-Control", "private, no-store")
                        .body("type", equalTo("/problems/unauthorized"))
                        .body("status", equalTo(401))
                        .body("detail", not(emptyOrNullString()));
            }
        }
        // a write with a bogus token is refused before its body is read, and nothing is written
        String slug = uniqueSlug("bogus");
        given().header("Authorization", "Bearer x3")
                .contentType("application/json")
                .body(Map.of("slug", slug, "name", "x"))
                .post("/api/v1/publishers")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        assertEquals(0, count(db, "select count(*) from publisher where slug = ?", slug));
    }

    @Test
    void theSchemeIsMatchedInAnyCaseAndSurroundingSpaceIsIgnored() {
        for (String scheme : List.of("Bearer ", "bearer ", "BEARER ", "BeArEr  ")) {
            given().header("Authorization", scheme + ADMIN_TOKEN + " ")
                    .get("/api/v1/tokens")
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void anAnonymousCallerGetsTheSameAnswerForAnUnpublishedArticleAndAMissingOne() {
        String publisher = createPublisher();
        Map<String, Object> draft = article(publisher, "2026-embargoed-draw-results");
        draft.put("status", "draft");
        String draftId = createArticleId(draft);
        String missingId = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11";

        Response forDraft = given().get("/api/v1/articles/" + draftId);
        Response forMissing = given().get("/api/v1/articles/" + missingId);
        forDraft.then().statusCode(404).contentType("application/problem+json");
        forMissing.then().statusCode(404).contentType("application/problem+json");
        assertEquals(
                forMissing.asString().replace(missingId, "ID"),
                forDraft.asString().replace(draftId, "ID"));

        String bySlug = "/api/v1/publishers/" + publisher + "/articles/";
        Response draftBySlug = given().get(bySlug + "2026-embargoed-draw-results");
        Response missingBySlug = given().get(bySlug + "2026-no-such-article");
        draftBySlug.then().statusCode(404);
        missingBySlug.then().statusCode(404);
        assertEquals(
                missingBySlug.asString().replace("2026-no-such-article", "SLUG"),
                draftBySlug.asString().replace("2026-embargoed-draw-results", "SLUG"));

        // a bogus token cannot tell them apart either: both are 401, before the article is looked up
        for (String path : List.of(
                "/api/v1/articles/" + draftId,
                "/api/v1/articles/" + missingId,
                bySlug + "2026-embargoed-draw-results",
                bySlug + "2026-no-such-article")) {
            given().header("Authorization", "Bearer guess")
                    .get(path)
                    .then()
                    .statusCode(401)
                    .body("type", equalTo("/problems/unauthorized"));
        }
    }

    @Test
    void theBootstrapAdminTokenIsItsOwnIdentityInTheAuditLog() {
        String slug = createPublisher();
        Response audit = admin().get("/api/v1/audit?resourceType=publisher&action=create");
        String tokenId = audit.path("items.find { it.after?.slug == '" + slug + "' }.tokenId");
        String tokenName = audit.path("items.find { it.after?.slug == '" + slug + "' }.tokenName");
        assertEquals("CMS_ADMIN_TOKEN", tokenName);
        org.junit.jupiter.api.Assertions.assertNotNull(
                tokenId, "the bootstrap admin token has an id of its own in the audit log");
        admin().get("/api/v1/audit?tokenId=" + tokenId)
                .then()
                .statusCode(200)
                .body("items.tokenName", org.hamcrest.Matchers.everyItem(equalTo("CMS_ADMIN_TOKEN")));
    }

    @Test
    void forwardedAddressesAreIgnoredUnlessAProxyIsTrusted() {
        String slug = uniqueSlug("direct");
        json().header("X-Forwarded-For", "198.51.100.46")
                .header("Forwarded", "for=198.51.100.47")
                .body(publisher(slug))
                .post("/api/v1/publishers")
                .then()
                .statusCode(201);
        String recorded = column(
                        db,
                        "select client_address from audit_event where resource_type = 'publisher' and after_state->>'slug' = ?",
                        slug)
                .get(0);
        assertTrue(recorded.equals("127.0.0.1") || recorded.equals("0:0:0:0:0:0:0:1"), recorded);
    }

    @Test
    void noMechanismReadsCredentialsOtherThanTheTokenAndTheSessionCookie() {
        // AccessPolicy takes a request presenting neither (Credentials.presented) as anonymous without running the
        // mechanisms: one that reads anything else must be added to Credentials.presented first
        Set<String> installed = mechanisms
                .handlesStream()
                .map(handle -> handle.getBean().getBeanClass().getName())
                .collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        TokenAuthenticationMechanism.class.getName(),
                        "cn.fucai.cms.account.SessionAuthenticationMechanism"),
                installed);
    }
}
