package cn.fucai.cms.support;

import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;

/** Accounts of people and their signed-in sessions, for tests. */
public final class People {

    /** A password that keeps the policy; every test account has it unless a test says otherwise. */
    public static final String PASSWORD = "春风十里温州福彩2026";

    /** The session cookie's name under the test profile's https public URL. */
    public static final String COOKIE = "__Host-cms-session";

    public static final String CSRF = "X-CSRF-Token";

    private People() {}

    /** A person signed in: the session cookie, and the CSRF token its writes need. */
    public record Session(String accountId, String login, String cookie, String csrf) {

        /** A request with the cookie alone: reads, and writes that must be refused. */
        public RequestSpecification cookieOnly() {
            return given().cookie(COOKIE, cookie).contentType(ContentType.JSON.withCharset("UTF-8"));
        }

        /** A request with the cookie and the CSRF token: what the page sends. */
        public RequestSpecification page() {
            return cookieOnly().header(CSRF, csrf);
        }
    }

    /** An account request body; override fields with {@link Map#put}. */
    public static Map<String, Object> account(String role, String publisher) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("login", uniqueSlug(role).replace('-', '.'));
        body.put("displayName", "测试" + role);
        body.put("email", null);
        body.put("role", role);
        body.put("publisher", publisher);
        body.put("includeChildren", false);
        body.put("password", PASSWORD);
        return body;
    }

    /** Creates an account (with the admin token) and returns its login name. */
    public static String createAccount(String role, String publisher) {
        Map<String, Object> body = account(role, publisher);
        json().body(body).post("/api/v1/accounts").then().statusCode(201);
        return (String) body.get("login");
    }

    public static Response signInResponse(String login, String password) {
        return given().contentType(ContentType.JSON.withCharset("UTF-8"))
                .body(Map.of("login", login, "password", password))
                .post("/api/v1/session");
    }

    public static Session signIn(String login, String password) {
        Response response = signInResponse(login, password);
        response.then().statusCode(201);
        return new Session(response.path("account.id"), login, response.getCookie(COOKIE), response.path("csrfToken"));
    }

    /** A new account of this role for this publisher (null for admins), signed in. */
    public static Session person(String role, String publisher) {
        return signIn(createAccount(role, publisher), PASSWORD);
    }
}
