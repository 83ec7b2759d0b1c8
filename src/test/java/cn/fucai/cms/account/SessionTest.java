package cn.fucai.cms.account;

import static cn.fucai.cms.support.People.COOKIE;
import static cn.fucai.cms.support.People.CSRF;
import static cn.fucai.cms.support.People.PASSWORD;
import static cn.fucai.cms.support.People.createAccount;
import static cn.fucai.cms.support.People.person;
import static cn.fucai.cms.support.People.signIn;
import static cn.fucai.cms.support.People.signInResponse;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.execute;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.common.http.Hashes;
import cn.fucai.cms.support.People.Session;
import cn.fucai.cms.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in, sessions and their cookie, CSRF on every write made with the cookie, expiry, sign-out, and the slowing of
 * guesses: a session is the same caller a token is.
 */
@QuarkusTest
class SessionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void signingInSetsAHardenedCookieAndKeepsOnlyTheHashOfItsSecret() {
        String login = createAccount("editor", createPublisher());
        Response response = signInResponse(login.toUpperCase(), PASSWORD);
        response.then()
                .statusCode(201)
                .header("Cache-Control", "private, no-store")
                .body("account.login", equalTo(login))
                .body("account.role", equalTo("editor"))
                .body("csrfToken", not(nullValue()))
                .body("account.passwordHash", nullValue());
        String setCookie = response.header("Set-Cookie");
        String secret = response.getCookie(COOKIE);
        assertTrue(setCookie.startsWith(COOKIE + "=" + secret + ";"), setCookie);
        for (String attribute : List.of("Path=/", "Max-Age=43200", "HttpOnly", "SameSite=Strict", "Secure")) {
            assertTrue(Arrays.asList(setCookie.split(";\\s*")).contains(attribute), attribute + " in " + setCookie);
        }
        assertFalse(setCookie.contains("Domain"), setCookie);
        assertEquals(43, secret.length(), "256 random bits, base64url");
        assertEquals(
                List.of(Hashes.sha256Hex(secret)),
                column(db, "select secret_hash from account_session where account_id = ?::uuid", (Object)
                        response.path("account.id")));
        assertEquals(0, count(db, "select count(*) from account_session where secret_hash = ?", secret));
        assertEquals(
                List.of(login),
                column(
                        db,
                        "select token_name from audit_event where action = 'sign-in' and account_id = ?::uuid"
                                + " and token_id is null",
                        (Object) response.path("account.id")));
        Session session = new Session(response.path("account.id"), login, secret, response.path("csrfToken"));
        session.cookieOnly()
                .get("/api/v1/session")
                .then()
                .statusCode(200)
                .header("Cache-Control", "private, no-store")
                .body("csrfToken", equalTo(session.csrf()))
                .body("account.id", equalTo(session.accountId()));
    }

    @Test
    void aWrongPasswordAndAnUnknownLoginGetTheSameAnswerInTheSameTime() {
        String publisher = createPublisher();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            accounts.add(createAccount("reader", publisher));
        }
        List<Long> wrong = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        Response wrongAnswer = null;
        Response unknownAnswer = null;
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            wrongAnswer = signInResponse(accounts.get(i), "不是这个密码-" + i + "-2026");
            wrong.add(System.nanoTime() - start);
            start = System.nanoTime();
            unknownAnswer = signInResponse(uniqueSlug("nobody").replace('-', '.'), "不是这个密码-" + i + "-2026");
            unknown.add(System.nanoTime() - start);
        }
        for (Response answer : List.of(wrongAnswer, unknownAnswer)) {
            answer.then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/sign-in-failed"))
                    .body("detail", equalTo("the login name or password is wrong, or the account is disabled"));
        }
        double ratio = (double) median(wrong) / median(unknown);
        assertTrue(
                ratio > 0.2 && ratio < 5, "wrong password " + median(wrong) + " ns, unknown login " + median(unknown));
        assertEquals(
                List.of("wrong-password"),
                column(
                        db,
                        "select distinct after_state->>'reason' from audit_event a join account c on c.id::text ="
                                + " a.resource_id where a.action = 'sign-in-failed' and c.login = ?",
                        accounts.get(0)));
    }

    @Test
    void aSessionIsTheSameCallerATokenIsWithTheAccountsRoleAndScope() {
        String publisher = createPublisher();
        String other = createPublisher();
        Session editor = person("editor", publisher);
        Response created =
                editor.page().body(article(publisher, uniqueSlug("by-cookie"))).post("/api/v1/articles");
        created.then().statusCode(201);
        assertEquals(
                List.of(editor.login()),
                column(
                        db,
                        "select token_name from audit_event where resource_id = ? and action = 'create'"
                                + " and account_id = ?::uuid and token_id is null",
                        created.path("id"),
                        editor.accountId()));
        long before = count(db, "select count(*) from article");
        editor.page()
                .body(article(other, uniqueSlug("elsewhere")))
                .post("/api/v1/articles")
                .then()
                .statusCode(403);
        person("reader", publisher)
                .page()
                .body(article(publisher, uniqueSlug("reader")))
                .post("/api/v1/articles")
                .then()
                .statusCode(403);
        assertEquals(before, count(db, "select count(*) from article"));
        person("reviewer", publisher)
                .page()
                .body(article(publisher, uniqueSlug("reviewer")))
                .post("/api/v1/articles")
                .then()
                .statusCode(201);
        // the editor sees its publisher's drafts, privately
        Map<String, Object> draft = article(publisher, uniqueSlug("draft"));
        draft.put("status", "draft");
        String draftId = createArticleId(draft);
        editor.cookieOnly()
                .get("/api/v1/articles/" + draftId)
                .then()
                .statusCode(200)
                .header("Cache-Control", "private, no-store");
        given().get("/api/v1/articles/" + draftId).then().statusCode(404);
        // and lists them by the cookie alone, where an anonymous reader's list of the same has none
        editor.cookieOnly()
                .queryParam("publisher", publisher)
                .queryParam("status", "draft")
                .get("/api/v1/articles")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(draftId)));
        given().queryParam("publisher", publisher)
                .queryParam("status", "draft")
                .get("/api/v1/articles")
                .then()
                .statusCode(200)
                .body("items", equalTo(List.of()));
    }

    @Test
    void aWriteWithTheCookieNeedsTheSessionsCsrfTokenButABearerTokenDoesNot() {
        String publisher = createPublisher();
        Session editor = person("editor", publisher);
        Session other = person("editor", publisher);
        long before = count(db, "select count(*) from article");
        editor.cookieOnly()
                .body(article(publisher, uniqueSlug("csrf")))
                .post("/api/v1/articles")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/csrf-token-required"))
                .body("detail", containsString(CSRF));
        editor.cookieOnly()
                .header(CSRF, other.csrf())
                .body(article(publisher, uniqueSlug("csrf")))
                .post("/api/v1/articles")
                .then()
                .statusCode(403)
                .body("detail", equalTo("the X-CSRF-Token header is not this session's token"));
        assertEquals(before, count(db, "select count(*) from article"));
        // a bearer token wins over the cookie the browser also sends: no CSRF token needed, the token acts
        Response byToken = admin().cookie(COOKIE, editor.cookie())
                .contentType("application/json")
                .body(article(publisher, uniqueSlug("token")))
                .post("/api/v1/articles");
        byToken.then().statusCode(201);
        assertEquals(
                List.of("CMS_ADMIN_TOKEN"),
                column(db, "select token_name from audit_event where resource_id = ?", (Object) byToken.path("id")));
    }

    @Test
    void everyWriteOperationOfTheDocumentRefusesTheCookieWithoutItsCsrfToken() throws Exception {
        Session admin = signIn(createAccount("admin", null), PASSWORD);
        JsonNode paths = JSON.readTree(Files.readString(Path.of("target/openapi-generated/openapi.json")))
                .path("paths");
        long audit = count(db, "select count(*) from audit_event");
        int writes = 0;
        for (var path = paths.fields(); path.hasNext(); ) {
            var entry = path.next();
            String url =
                    entry.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            for (String method : List.of("post", "put", "patch", "delete")) {
                if (!entry.getValue().has(method) || (method.equals("post") && url.equals("/api/v1/session"))) {
                    continue;
                }
                writes++;
                admin.cookieOnly()
                        .body("{}")
                        .request(method.toUpperCase(), url)
                        .then()
                        .statusCode(403)
                        .body("type", equalTo("/problems/csrf-token-required"));
                boolean documented = false;
                for (JsonNode parameter : entry.getValue().path(method).path("parameters")) {
                    documented |= parameter.path("name").asText().equals(CSRF);
                }
                assertTrue(documented, method + " " + entry.getKey() + " documents " + CSRF);
            }
        }
        assertTrue(writes >= 25, "the document's write operations: " + writes);
        assertEquals(audit, count(db, "select count(*) from audit_event"), "nothing was written");
    }

    @Test
    void signingOutEndsTheSessionOnTheServerAndAStaleCookieIsDropped() {
        Session editor = person("editor", createPublisher());
        editor.cookieOnly().delete("/api/v1/session").then().statusCode(403);
        Response out = editor.page().delete("/api/v1/session");
        out.then().statusCode(204).header("Set-Cookie", containsString("Max-Age=0"));
        editor.cookieOnly().get("/api/v1/session").then().statusCode(401);
        // a public read with the stale cookie still answers, privately, and tells the browser to drop the cookie
        editor.cookieOnly()
                .get("/api/v1/regions/330000")
                .then()
                .statusCode(200)
                .header("Set-Cookie", containsString(COOKIE + "=; Path=/; Max-Age=0"))
                .header("Cache-Control", "private, no-store");
        assertEquals(
                List.of("signed-out"),
                column(db, "select ended_reason from account_session where account_id = ?::uuid", editor.accountId()));
        assertEquals(
                1,
                count(
                        db,
                        "select count(*) from audit_event where action = 'sign-out' and account_id = ?::uuid",
                        editor.accountId()));
    }

    @Test
    void aSessionEndsWhenIdleTooLongAndAtItsLifetimeHoweverMuchItIsUsed() {
        String publisher = createPublisher();
        Session idle = person("editor", publisher);
        clock.advance(Duration.ofHours(2).minusSeconds(1));
        idle.cookieOnly().get("/api/v1/session").then().statusCode(200);
        clock.advance(Duration.ofHours(2).plusSeconds(1));
        idle.cookieOnly().get("/api/v1/session").then().statusCode(401);
        clock.reset();
        Session busy = person("editor", publisher);
        for (int hour = 1; hour < 12; hour++) {
            clock.advance(Duration.ofHours(1));
            busy.cookieOnly().get("/api/v1/session").then().statusCode(200);
        }
        clock.advance(Duration.ofHours(1));
        busy.cookieOnly().get("/api/v1/session").then().statusCode(401);
    }

    @Test
    void aSignInEndsTheSessionTheBrowserStillHad() {
        Session first = person("reader", createPublisher());
        Response again = given().cookie(COOKIE, first.cookie())
                .contentType("application/json")
                .body(Map.of("login", first.login(), "password", PASSWORD))
                .post("/api/v1/session");
        again.then().statusCode(201);
        assertNotEquals(first.cookie(), again.getCookie(COOKIE));
        first.cookieOnly().get("/api/v1/session").then().statusCode(401);
        given().cookie(COOKIE, again.getCookie(COOKIE))
                .get("/api/v1/session")
                .then()
                .statusCode(200);
        assertEquals(
                List.of("replaced"),
                column(
                        db,
                        "select ended_reason from account_session where account_id = ?::uuid and ended_at is not null",
                        first.accountId()));
    }

    @Test
    void repeatedFailuresMakeEachNextAttemptOnTheAccountWaitLonger() {
        String login = createAccount("editor", createPublisher());
        for (int i = 0; i < 5; i++) {
            signInResponse(login, "wrong-password-" + i + "-2026").then().statusCode(401);
        }
        // unchecked while it must wait, even with the right password
        signInResponse(login, PASSWORD)
                .then()
                .statusCode(429)
                .header("Retry-After", "1")
                .body("type", equalTo("/problems/too-many-requests"));
        clock.advance(Duration.ofSeconds(1));
        signInResponse(login, "wrong-password-again-2026").then().statusCode(401);
        signInResponse(login, PASSWORD).then().statusCode(429).header("Retry-After", "2");
        clock.advance(Duration.ofSeconds(2));
        signIn(login, PASSWORD);
        // a success starts the count again
        signInResponse(login, "wrong-password-after-2026").then().statusCode(401);
        signIn(login, PASSWORD);
        assertEquals(
                2,
                count(
                        db,
                        "select count(*) from audit_event where action = 'sign-in-failed'"
                                + " and after_state->>'reason' = 'throttled' and after_state->>'login' = ?",
                        login));
    }

    @Test
    void failuresFromElsewhereDoNotLockOutAnAddressTheAccountSignedInFrom() {
        String publisher = createPublisher();
        String known = createAccount("editor", publisher);
        signIn(known, PASSWORD);
        String stranger = createAccount("editor", publisher);
        for (String login : List.of(known, stranger)) {
            execute(
                    db,
                    "insert into sign_in_attempt (login_key, client_address, attempted_at, succeeded)" + " select '"
                            + login + "', '198.51.100.7', now(), false from generate_series(1, 10)");
        }
        signIn(known, PASSWORD);
        signInResponse(stranger, PASSWORD).then().statusCode(429);
    }

    @Test
    void anAddressThatFailsTooOftenWaitsWhateverAccountItTries() {
        String login = createAccount("reader", createPublisher());
        signIn(login, PASSWORD);
        String address = column(db, "select client_address from sign_in_attempt where login_key = ?", login)
                .get(0);
        String spray = uniqueSlug("spray");
        try {
            execute(
                    db,
                    "insert into sign_in_attempt (login_key, client_address, attempted_at, succeeded) select '" + spray
                            + "-' || n, '" + address + "', now(), false from generate_series(1, 200) n");
            Response refused = signInResponse(login, PASSWORD);
            refused.then().statusCode(429);
            long retryAfter = Long.parseLong(refused.header("Retry-After"));
            assertTrue(retryAfter > 800 && retryAfter <= 900, "until the oldest leaves the window: " + retryAfter);
        } finally {
            execute(db, "delete from sign_in_attempt where login_key like '" + spray + "-%'");
        }
        signIn(login, PASSWORD);
    }

    @Test
    void parallelGuessesAreCheckedOneAtATime() throws Exception {
        String login = createAccount("reader", createPublisher());
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Integer>> guesses = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String guess = "guess-number-" + i + "-2026";
                guesses.add(() -> signInResponse(login, guess).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(guesses)) {
                statuses.add(status.get());
            }
            long checked = statuses.stream().filter(s -> s == 401).count();
            assertEquals(24, checked + statuses.stream().filter(s -> s == 429).count(), statuses.toString());
            assertEquals(checked, count(db, "select count(*) from sign_in_attempt where login_key = ?", login));
            assertTrue(checked >= 1 && checked <= 6, "at most the free failures and one more: " + statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noOtherOriginMayMakeCredentialedRequests() {
        given().header("Origin", "https://www.zjfc.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/v1/session")
                .then()
                .header("Access-Control-Allow-Credentials", not(equalTo("true")));
        given().header("Origin", "https://www.zjfc.example")
                .get("/api/v1/regions/330000")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Credentials", not(equalTo("true")));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
