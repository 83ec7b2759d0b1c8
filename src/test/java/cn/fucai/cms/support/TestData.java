package cn.fucai.cms.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/** Small builders for the rows a test needs: each test makes its own publisher, so tests never see each other's data. */
public final class TestData {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestData() {}

    /** The bootstrap admin token of the test profile (cms.admin-token). */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789-abcdefghij";

    /** A request with the admin token. */
    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    /** A JSON request in UTF-8, made with the admin token. */
    public static RequestSpecification json() {
        return admin().contentType(ContentType.JSON.withCharset("UTF-8")).accept(ContentType.JSON);
    }

    /** Creates an API token of this role for this publisher (id or slug) and returns its secret. */
    public static String token(String role, String publisher) {
        return json().body(Map.of("name", role + " of " + publisher, "role", role, "publisher", publisher))
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    /** A slug no other test run uses. */
    /** The Prometheus text an operator scrapes from /q/metrics on the management port. */
    public static String metrics(URL management) {
        return given().baseUri("http://" + management.getHost())
                .port(management.getPort())
                .accept("text/plain")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .extract()
                .asString();
    }

    public static String uniqueSlug(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36) + "-" + SEQUENCE.incrementAndGet();
    }

    /** A publisher request body; override fields with {@link Map#put}. */
    public static Map<String, Object> publisher(String slug) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("name", "温州市福利彩票发行中心");
        body.put("nameEn", "Wenzhou Welfare Lottery Issuance Center");
        body.put("level", "municipal");
        body.put("kind", "lottery_centre");
        body.put("regionCode", "330300");
        body.put("website", "https://www.example.org/wenzhou");
        return body;
    }

    /** Creates a publisher with a unique slug and returns its slug. */
    public static String createPublisher() {
        return createPublisher(publisher(uniqueSlug("pub")));
    }

    /** Creates a provincial publisher of Zhejiang (330000) with a unique slug and returns its slug. */
    public static String createProvince(String slugPrefix) {
        Map<String, Object> province = publisher(uniqueSlug(slugPrefix));
        province.put("level", "provincial");
        province.put("regionCode", "330000");
        return createPublisher(province);
    }

    public static String createPublisher(Map<String, Object> body) {
        json().body(body).post("/api/v1/publishers").then().statusCode(201);
        return (String) body.get("slug");
    }

    /** An article request body for the publisher; published, Chinese, tagged Wenzhou's 鹿城区. */
    public static Map<String, Object> article(String publisher, String slug) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("publisher", publisher);
        body.put("slug", slug);
        body.put("locale", "zh-CN");
        body.put("title", "温州福彩2019年销量再破20亿");
        body.put("summary", "筹集公益金5亿多元");
        body.put("body", "<p>全年投入福彩公益金743.9万元。</p>");
        body.put("category", "本地新闻");
        body.put("tags", List.of("公益金", "温州"));
        body.put("regionCodes", List.of("330302"));
        body.put("publishedAt", "2020-01-06T11:49:00+08:00");
        body.put("sourceName", "宝宝计划软件园");
        body.put("status", "published");
        return body;
    }

    /** {@link #article} with a translation into English under this title. */
    public static Map<String, Object> bilingualArticle(String publisher, String slug, String englishTitle) {
        Map<String, Object> body = article(publisher, slug);
        body.put("translations", List.of(translation("en", englishTitle)));
        return body;
    }

    public static Map<String, Object> translation(String locale, String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("locale", locale);
        body.put("title", title);
        body.put("summary", "summary in " + locale);
        body.put("body", "<p>body in " + locale + "</p>");
        return body;
    }

    /** Creates the article and returns the response (201 checked). */
    public static Response createArticle(Map<String, Object> body) {
        Response response = json().body(body).post("/api/v1/articles");
        response.then().statusCode(201);
        return response;
    }

    public static String createArticleId(Map<String, Object> body) {
        return createArticle(body).path("id");
    }

    /** Counts rows with plain SQL, to prove what was or was not written. */
    public static long count(DataSource dataSource, String sql, Object... params) {
        return Long.parseLong(column(dataSource, sql, params).get(0));
    }

    /** The first column of every row, as strings. */
    public static List<String> column(DataSource dataSource, String sql, Object... params) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement that returns no rows, such as ANALYZE. */
    public static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Follows nextCursor from the first page to the last, as admin, and collects one field of every item. */
    public static List<String> allPages(String url, String field) {
        List<String> values = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = admin();
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(url);
            page.then().statusCode(200);
            values.addAll(page.path("items." + field));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return values;
    }

    public static UUID uuid(String value) {
        return UUID.fromString(value);
    }

    /** Polls the condition every 20 ms until it holds; fails naming what was awaited after the timeout. */
    public static void await(BooleanSupplier condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
