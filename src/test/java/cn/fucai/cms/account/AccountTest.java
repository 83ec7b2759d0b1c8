package cn.fucai.cms.account;

import static cn.fucai.cms.support.People.PASSWORD;
import static cn.fucai.cms.support.People.account;
import static cn.fucai.cms.support.People.createAccount;
import static cn.fucai.cms.support.People.person;
import static cn.fucai.cms.support.People.signIn;
import static cn.fucai.cms.support.People.signInResponse;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.column;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.token;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.People.Session;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Accounts of people, managed by admins: the password policy, role and scope rules, disabling and resets. */
@QuarkusTest
class AccountTest {

    @Inject
    AgroalDataSource db;

    @Test
    void anAdminCreatesAnAccountWhosePasswordIsKeptAsAnArgon2idHashOnly() {
        String publisher = createPublisher();
        Map<String, Object> body = account("editor", publisher);
        body.put("email", "chenjing@wzfc.example");
        Response created = json().body(body).post("/api/v1/accounts");
        created.then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/accounts/" + created.path("id")))
                .header("ETag", notNullValue())
                .body("login", equalTo(body.get("login")))
                .body("displayName", equalTo("测试editor"))
                .body("email", equalTo("chenjing@wzfc.example"))
                .body("role", equalTo("editor"))
                .body("status", equalTo("active"))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));
        String hash = column(db, "select password_hash from account where id = ?::uuid", (Object) created.path("id"))
                .get(0);
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(Passwords.matches(PASSWORD, hash), "the library verifies the password against its hash");
        assertFalse(Passwords.matches(PASSWORD + "x", hash));
        assertFalse(Passwords.matches(hash, hash), "the hash is no password");
        // a leaked hash signs nobody in
        signInResponse((String) body.get("login"), hash).then().statusCode(401);
        // the password is in no answer and no audit entry
        String audit =
                String.join("\n", column(db, "select after_state::text from audit_event where resource_id = ?", (Object)
                        created.path("id")));
        assertTrue(audit.contains("chenjing@wzfc.example"), audit);
        assertFalse(audit.contains(PASSWORD) || audit.contains("argon2"), audit);
        admin().get("/api/v1/accounts/" + created.path("id"))
                .then()
                .statusCode(200)
                .body("login", equalTo(body.get("login")))
                .body("$", not(hasKey("passwordHash")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "too short|短密码abc12345|must have at least 12 characters",
                "one character|aaaaaaaaaaaaaaaa|must not repeat one character",
                "common|qwerty123456|is on the list of common passwords; choose another",
                "common in full width|ｑｗｅｒｔｙ１２３４５６|is on the list of common passwords; choose another",
                "common Chinese pattern|woaini1314520|is on the list of common passwords; choose another",
                "contains the login|LOGIN-and-more-2026|must not contain the login name"
            })
    void aPasswordThatBreaksThePolicyIsRefusedAndNothingIsWritten(String rule, String password, String message) {
        Map<String, Object> body = account("editor", createPublisher());
        body.put("password", password.replace("LOGIN", (String) body.get("login")));
        long before = count(db, "select count(*) from account");
        json().body(body)
                .post("/api/v1/accounts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("password"))
                .body("violations[0].message", equalTo(message))
                .body("detail", not(containsString(password)));
        assertEquals(before, count(db, "select count(*) from account"), rule);
    }

    @Test
    void aLoginIsUniqueWhateverItsCase() {
        String login = createAccount("editor", createPublisher());
        Map<String, Object> body = account("reader", createPublisher());
        body.put("login", login.toUpperCase());
        long before = count(db, "select count(*) from account");
        json().body(body).post("/api/v1/accounts").then().statusCode(409).body("detail", containsString("is taken"));
        assertEquals(before, count(db, "select count(*) from account"));
    }

    @ParameterizedTest(name = "{0} with publisher {1}")
    @CsvSource({
        "editor,,publisher,is required for editor accounts",
        "reviewer,,publisher,is required for reviewer accounts",
        "admin,SOME,publisher,admins act for every publisher; leave publisher and includeChildren out",
        "sync,,role,'sync is for tokens of partner mirrors, not for people'",
        "editor,no-such-publisher,publisher,no live publisher no-such-publisher"
    })
    void roleAndScopeMustAgree(String role, String publisher, String field, String message) {
        Map<String, Object> body = account(role, "SOME".equals(publisher) ? createPublisher() : publisher);
        long before = count(db, "select count(*) from account");
        json().body(body)
                .post("/api/v1/accounts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo(field))
                .body("violations[0].message", equalTo(message));
        assertEquals(before, count(db, "select count(*) from account"));
    }

    @Test
    void onlyAdminsManageAccounts() {
        String publisher = createPublisher();
        long before = count(db, "select count(*) from account");
        given().contentType(ContentType.JSON)
                .body(account("editor", publisher))
                .post("/api/v1/accounts")
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + token("editor", publisher))
                .contentType(ContentType.JSON)
                .body(account("editor", publisher))
                .post("/api/v1/accounts")
                .then()
                .statusCode(403);
        Session editor = person("editor", publisher);
        editor.page()
                .body(account("editor", publisher))
                .post("/api/v1/accounts")
                .then()
                .statusCode(403);
        editor.cookieOnly().get("/api/v1/accounts").then().statusCode(403);
        assertEquals(before + 1, count(db, "select count(*) from account"), "only the editor's own account");
    }

    @Test
    void disablingAnAccountEndsItsSessionsAtOnceAndItCannotSignInAgain() {
        String publisher = createPublisher();
        Session editor = person("editor", publisher);
        Session other = signIn(editor.login(), PASSWORD);
        editor.cookieOnly().get("/api/v1/session").then().statusCode(200);
        Response current = admin().get("/api/v1/accounts/" + editor.accountId());
        json().header("If-Match", current.header("ETag"))
                .body(Map.of("displayName", "已离职", "role", "editor", "publisher", publisher, "status", "disabled"))
                .put("/api/v1/accounts/" + editor.accountId())
                .then()
                .statusCode(200)
                .body("status", equalTo("disabled"))
                .body("displayName", equalTo("已离职"));
        editor.cookieOnly().get("/api/v1/session").then().statusCode(401);
        other.cookieOnly().get("/api/v1/session").then().statusCode(401);
        signInResponse(editor.login(), PASSWORD)
                .then()
                .statusCode(401)
                .body("type", equalTo("/problems/sign-in-failed"));
        assertEquals(
                List.of("disabled", "disabled"),
                column(db, "select ended_reason from account_session where account_id = ?::uuid", editor.accountId()));
        assertEquals(
                List.of("disabled"),
                column(
                        db,
                        "select after_state->>'status' from audit_event where resource_id = ? and action = 'update'",
                        editor.accountId()));
    }

    @Test
    void aStaleIfMatchChangesNothing() {
        Session reader = person("reader", createPublisher());
        json().header("If-Match", "\"999\"")
                .body(Map.of("displayName", "改名", "role", "admin", "status", "active"))
                .put("/api/v1/accounts/" + reader.accountId())
                .then()
                .statusCode(412);
        admin().get("/api/v1/accounts/" + reader.accountId())
                .then()
                .body("role", equalTo("reader"))
                .body("displayName", equalTo("测试reader"));
    }

    @Test
    void aResetPasswordEndsEverySessionAndOnlyTheNewPasswordSignsIn() {
        Session reviewer = person("reviewer", createPublisher());
        String fresh = "秋水共长天一色" + uniqueSlug("p");
        json().body(Map.of("password", fresh))
                .put("/api/v1/accounts/" + reviewer.accountId() + "/password")
                .then()
                .statusCode(200)
                .body("passwordChangedAt", notNullValue());
        reviewer.cookieOnly().get("/api/v1/session").then().statusCode(401);
        signInResponse(reviewer.login(), PASSWORD).then().statusCode(401);
        signIn(reviewer.login(), fresh);
        assertEquals(
                1,
                count(
                        db,
                        "select count(*) from audit_event where resource_id = ? and action = 'reset-password'",
                        reviewer.accountId()));
    }

    @Test
    void aPersonChangesTheirOwnPasswordWithTheCurrentOneAndTheirOtherSessionsEnd() {
        Session editor = person("editor", createPublisher());
        Session elsewhere = signIn(editor.login(), PASSWORD);
        String fresh = "落霞与孤鹜齐飞" + uniqueSlug("p");
        editor.page()
                .body(Map.of("currentPassword", "not-it-at-all-2026", "newPassword", fresh))
                .put("/api/v1/session/password")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("currentPassword"));
        editor.page()
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "short"))
                .put("/api/v1/session/password")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("newPassword"));
        elsewhere.cookieOnly().get("/api/v1/session").then().statusCode(200);
        editor.page()
                .body(Map.of("currentPassword", PASSWORD, "newPassword", fresh))
                .put("/api/v1/session/password")
                .then()
                .statusCode(204);
        editor.cookieOnly().get("/api/v1/session").then().statusCode(200);
        elsewhere.cookieOnly().get("/api/v1/session").then().statusCode(401);
        signInResponse(editor.login(), PASSWORD).then().statusCode(401);
        signIn(editor.login(), fresh);
        assertEquals(
                List.of(editor.login()),
                column(
                        db,
                        "select token_name from audit_event where resource_id = ? and action = 'change-password'"
                                + " and account_id = ?::uuid",
                        editor.accountId(),
                        editor.accountId()));
    }
}
