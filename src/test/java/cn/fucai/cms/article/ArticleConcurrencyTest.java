package cn.fucai.cms.article;

import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.count;
import static cn.fucai.cms.support.TestData.createArticle;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.uuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Claims about concurrent writers, proved with transactions that really overlap in PostgreSQL. */
@QuarkusTest
class ArticleConcurrencyTest {

    @Inject
    AgroalDataSource db;

    @Test
    void pagingWhileRowsAreInsertedNeitherSkipsNorRepeatsARow() throws Exception {
        for (String sort : List.of("-publishedAt", "publishedAt", "title")) {
            String publisher = createPublisher();
            Set<String> existing = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                Map<String, Object> body = article(publisher, "existing-" + i);
                body.put("title", "标题 " + (char) ('A' + (i * 7) % 26) + i);
                body.put(
                        "publishedAt",
                        Instant.parse("2020-01-01T00:00:00Z")
                                .plus(Duration.ofHours(i * 13L))
                                .toString());
                existing.add(createArticle(body).path("id"));
            }
            AtomicBoolean paging = new AtomicBoolean(true);
            AtomicInteger inserted = new AtomicInteger();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<?> writes = writer.submit(() -> {
                // New rows land before, inside and after the pages still to come.
                for (int i = 0; paging.get() && i < 200; i++) {
                    Map<String, Object> body = article(publisher, "inserted-" + i);
                    body.put("title", "标题 " + (char) ('A' + (i * 11) % 26) + "x" + i);
                    body.put(
                            "publishedAt",
                            Instant.parse("2020-01-01T00:00:00Z")
                                    .plus(Duration.ofHours(i * 17L % 520))
                                    .toString());
                    createArticle(body);
                    inserted.incrementAndGet();
                }
            });
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                var request =
                        given().queryParam("limit", 7).queryParam("sort", sort).queryParam("publisher", publisher);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                Response page = request.get("/api/v1/articles");
                page.then().statusCode(200);
                seen.addAll(page.path("items.id"));
                cursor = page.path("nextCursor");
                Thread.sleep(20);
            } while (cursor != null);
            paging.set(false);
            writes.get();
            writer.shutdown();

            assertTrue(inserted.get() > 0, "rows were inserted while paging");
            assertEquals(seen.size(), new HashSet<>(seen).size(), sort + ": no row twice");
            assertTrue(seen.containsAll(existing), sort + ": every row that existed throughout was served");
        }
    }

    @Test
    void twoWritersWithTheSameIfMatchCannotBothWin() throws Exception {
        String publisher = createPublisher();
        Response created = createArticle(article(publisher, "contested"));
        String id = created.path("id");
        String etag = created.header("ETag");

        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<Response>> puts = new ArrayList<>();
        try (Connection lock = db.getConnection()) {
            // Hold the row so that both requests reach it with the same If-Match before either can write.
            lock.setAutoCommit(false);
            execute(lock, "select 1 from article where id = ? for update", uuid(id));
            for (String title : List.of("第一位编辑", "第二位编辑")) {
                Map<String, Object> body = article(publisher, "contested");
                body.put("title", title);
                puts.add(clients.submit(
                        () -> json().header("If-Match", etag).body(body).put("/api/v1/articles/" + id)));
            }
            awaitBlockedOnLocks(2);
            lock.commit();
        }
        List<Integer> statuses = new ArrayList<>();
        String winner = null;
        for (Future<Response> put : puts) {
            Response response = put.get();
            statuses.add(response.statusCode());
            if (response.statusCode() == 200) {
                winner = response.path("title");
            } else {
                assertEquals("application/problem+json", response.contentType());
            }
        }
        clients.shutdown();
        assertEquals(List.of(200, 412), statuses.stream().sorted().toList());
        assertEquals(List.of(winner), TestData.column(db, "select title from article where id = ?", uuid(id)));
    }

    /**
     * A client that sends its PUT again while the first send still runs (its answer was lost to a timeout or a killed
     * instance): without If-Match both sends are answered 200 and the article is written once. Found by the cluster
     * fault test, where the second send used to be refused with 412.
     */
    @Test
    void aPutSentAgainWhileTheFirstSendRunsIsAnswered200Twice() throws Exception {
        String publisher = createPublisher();
        String id = createArticle(article(publisher, "resent")).path("id");
        Map<String, Object> body = article(publisher, "resent");
        body.put("title", "重发的更正");
        List<Response> answers = putWhileTheRowIsHeld(id, List.of(body, body));

        for (Response answer : answers) {
            answer.then().statusCode(200).body("title", equalTo("重发的更正"));
        }
        assertEquals(List.of("重发的更正"), TestData.column(db, "select title from article where id = ?", uuid(id)));
        assertEquals(List.of("create", "update"), actions(id), "the second send changed nothing");
    }

    /** Two editors without If-Match: each write waits for the other, both are answered 200, the later one stands. */
    @Test
    void twoWritersWithoutIfMatchWriteInTurn() throws Exception {
        String publisher = createPublisher();
        String id = createArticle(article(publisher, "in-turn")).path("id");
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (String title : List.of("甲编辑的标题", "乙编辑的标题")) {
            Map<String, Object> body = article(publisher, "in-turn");
            body.put("title", title);
            bodies.add(body);
        }
        List<Response> answers = putWhileTheRowIsHeld(id, bodies);

        for (Response answer : answers) {
            answer.then().statusCode(200);
        }
        assertEquals(List.of("create", "update", "update"), actions(id));
        List<String> latest = TestData.column(
                db,
                "select content -> 'original' ->> 'title' from article_revision where article_id = ? order by number desc limit 1",
                uuid(id));
        assertEquals(latest, TestData.column(db, "select title from article where id = ?", uuid(id)));
    }

    private List<Response> putWhileTheRowIsHeld(String id, List<Map<String, Object>> bodies) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(bodies.size());
        List<Future<Response>> puts = new ArrayList<>();
        try (Connection lock = db.getConnection()) {
            lock.setAutoCommit(false);
            execute(lock, "select 1 from article where id = ? for update", uuid(id));
            for (Map<String, Object> body : bodies) {
                puts.add(clients.submit(() -> json().body(body).put("/api/v1/articles/" + id)));
            }
            awaitBlockedOnLocks(bodies.size());
            lock.commit();
        }
        List<Response> answers = new ArrayList<>();
        for (Future<Response> put : puts) {
            answers.add(put.get());
        }
        clients.shutdown();
        return answers;
    }

    private List<String> actions(String id) {
        return TestData.column(
                db, "select action from article_revision where article_id = ? order by number", uuid(id));
    }

    @Test
    void twoCreatesOfTheSameSlugGiveOne201AndOne409() throws Exception {
        String publisher = createPublisher();
        UUID publisherId = uuid(given().get("/api/v1/publishers/" + publisher).path("id"));
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<Response>> posts = new ArrayList<>();
        try (Connection blocker = db.getConnection()) {
            // An uncommitted row with the slug: both requests see the slug free, then wait on the unique index.
            blocker.setAutoCommit(false);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            execute(blocker, """
                    insert into article (id, publisher_id, slug, locale, title, status, version, created_at, updated_at)
                    values (?, ?, 'race', 'zh-CN', 'blocker', 'draft', 0, ?, ?)""", UUID.randomUUID(), publisherId, now, now);
            for (int i = 0; i < 2; i++) {
                posts.add(clients.submit(
                        () -> json().body(article(publisher, "race")).post("/api/v1/articles")));
            }
            awaitBlockedOnLocks(2);
            blocker.rollback();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Response> post : posts) {
            statuses.add(post.get().statusCode());
        }
        clients.shutdown();
        assertEquals(List.of(201, 409), statuses.stream().sorted().toList());
        assertEquals(
                1, count(db, "select count(*) from article where publisher_id = ? and slug = 'race'", publisherId));
    }

    private void awaitBlockedOnLocks(int sessions) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (count(
                        db,
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()")
                < sessions) {
            assertTrue(System.currentTimeMillis() < deadline, "requests did not reach the lock");
            Thread.sleep(20);
        }
    }

    private static void execute(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    /**
     * A list page reads its rows, then by id the summaries it does not keep: an article written between the two
     * statements must be shown as the first found it, or not at all. The second statement waits here behind a lock on
     * the translations, which the first does not read; meanwhile the article becomes a draft and its title says so.
     * The page is then read again whole, and the draft is not in it. (Without the check of each summary's version,
     * the draft's title and status are listed: this test fails.)
     */
    @Test
    void anArticleWrittenBetweenAPagesTwoStatementsIsNotListedAsItsLaterVersion() throws Exception {
        String publisher = createPublisher();
        createArticle(article(publisher, "steady"));
        Map<String, Object> hot = article(publisher, "hot");
        hot.put("title", "公开的标题");
        String id = createArticle(hot).path("id");
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (Connection lock = db.getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("lock table article_translation in access exclusive mode");
            Future<Response> page = reader.submit(() -> given().get("/api/v1/articles?publisher=" + publisher));
            // (a statement's text is shown cut at 1 KB: its select list names it)
            TestData.await(
                    () -> count(
                                    db,
                                    "select count(*) from pg_stat_activity where datname = current_database()"
                                            + " and wait_event_type = 'Lock' and query like '%as translated_locales%'")
                            == 1,
                    "the page's summaries waiting behind the lock",
                    Duration.ofSeconds(2));
            try (PreparedStatement write = lock.prepareStatement(
                    "update article set status = 'draft', title = '草稿的标题', version = version + 1 where id = ?")) {
                write.setObject(1, UUID.fromString(id));
                assertEquals(1, write.executeUpdate());
            }
            lock.commit();
            Response listed = page.get();
            assertEquals(200, listed.statusCode(), listed.asString());
            assertEquals(List.of("steady"), listed.path("items.slug"));
            assertEquals(List.of("published"), listed.path("items.status"));
        } finally {
            reader.shutdown();
        }
        // and the article as it is now, once more: a draft, listed for no one anonymous
        assertEquals(
                List.of("steady"),
                given().get("/api/v1/articles?publisher=" + publisher).path("items.slug"));
    }
}
