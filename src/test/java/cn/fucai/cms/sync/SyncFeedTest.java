package cn.fucai.cms.sync;

import static cn.fucai.cms.support.CanonicalJson.canonical;
import static cn.fucai.cms.support.CanonicalJson.read;
import static cn.fucai.cms.support.TestData.admin;
import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.json;
import static cn.fucai.cms.support.TestData.publisher;
import static cn.fucai.cms.support.TestData.translation;
import static cn.fucai.cms.support.TestData.uuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.support.CanonicalJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A partner mirror that follows the feed ends with exactly the published set, whatever happens meanwhile. */
@QuarkusTest
class SyncFeedTest {

    @Inject
    AgroalDataSource db;

    /** A mirror: what it stores, and where it is in the feed. */
    private final class Mirror {
        final Map<String, JsonNode> articles = new HashMap<>();
        final List<String> log = new ArrayList<>();
        final String publisher;
        String cursor;
        int hashMismatches;

        Mirror(String publisher) {
            this.publisher = publisher;
        }

        /** Applies pages until the feed says it is up to date. */
        void catchUp() {
            boolean more = true;
            while (more) {
                var request = admin().queryParam("limit", 7);
                if (publisher != null) {
                    request.queryParam("publisher", publisher);
                }
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                Response page = request.get("/api/v1/sync/articles");
                page.then().statusCode(200);
                JsonNode body = read(page.asString());
                for (JsonNode item : body.get("items")) {
                    String id = item.get("id").asText();
                    log.add(id + " " + item.get("type").asText() + " "
                            + (item.has("reason") ? item.get("reason").asText() : "") + " at " + cursor);
                    if (item.get("type").asText().equals("upsert")) {
                        JsonNode article = item.get("article");
                        if (!CanonicalJson.sha256(article)
                                .equals(item.get("contentHash").asText())) {
                            hashMismatches++;
                        }
                        articles.put(id, article);
                    } else {
                        articles.remove(id);
                    }
                }
                cursor = body.get("nextCursor").asText();
                more = body.get("hasMore").asBoolean();
            }
        }
    }

    @Test
    void aMirrorEndsWithExactlyThePublishedSetWhileWritersChangeThings() throws Exception {
        String a = createPublisher();
        String b = createPublisher();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 12; i++) {
            Map<String, Object> body = article(i % 2 == 0 ? a : b, "seed-" + i);
            body.put("status", i % 3 == 0 ? "draft" : "published");
            ids.add(createArticleId(body));
        }
        Mirror mirrorA = new Mirror(a);
        Mirror mirrorAll = new Mirror(null);
        mirrorA.catchUp();
        mirrorAll.catchUp();

        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int seed = w;
            work.add(writers.submit(() -> {
                Random random = new Random(seed);
                for (int step = 0; step < 30; step++) {
                    String id = ids.get(random.nextInt(ids.size()));
                    Response current = admin().get("/api/v1/articles/" + id);
                    if (current.statusCode() == 410) {
                        continue;
                    }
                    String publisher = current.path("publisher.slug");
                    Map<String, Object> body = article(
                            random.nextInt(5) == 0 ? (publisher.equals(a) ? b : a) : publisher, current.path("slug"));
                    body.put("title", "第" + step + "次修改");
                    body.put(
                            "status",
                            List.of("published", "published", "draft", "archived")
                                    .get(random.nextInt(4)));
                    if (random.nextBoolean()) {
                        body.put("translations", List.of(translation("en", "Edit " + step)));
                    }
                    int action = random.nextInt(10);
                    if (action == 0) {
                        admin().delete("/api/v1/articles/" + id);
                    } else if (action == 1) {
                        ids.add(createArticleId(article(random.nextBoolean() ? a : b, "new-" + seed + "-" + step)));
                    } else {
                        json().body(body).put("/api/v1/articles/" + id);
                    }
                    if (step % 5 == 0) {
                        synchronized (mirrorA) {
                            mirrorA.catchUp();
                        }
                    }
                }
            }));
        }
        for (int i = 0; i < 6; i++) {
            synchronized (mirrorA) {
                mirrorA.catchUp();
            }
            mirrorAll.catchUp();
            Thread.sleep(30);
        }
        for (Future<?> done : work) {
            done.get();
        }
        writers.shutdown();
        awaitFeedHorizon();
        mirrorA.catchUp();
        mirrorAll.catchUp();

        Set<String> publishedA = new HashSet<>(published(a));
        Set<String> publishedB = new HashSet<>(published(b));
        assertEquals(publishedA, mirrorA.articles.keySet(), "the mirror of A holds exactly A's published articles");
        Set<String> allOfAB = new HashSet<>();
        mirrorAll.articles.forEach((id, article) -> {
            String publisher = article.get("publisher").get("slug").asText();
            if (publisher.equals(a) || publisher.equals(b)) {
                allOfAB.add(id);
            }
        });
        Set<String> expected = new HashSet<>(publishedA);
        expected.addAll(publishedB);
        if (!expected.equals(allOfAB)) {
            Set<String> extra = new HashSet<>(allOfAB);
            extra.removeAll(expected);
            mirrorAll.log.stream()
                    .filter(line -> extra.stream().anyMatch(line::startsWith))
                    .forEach(System.out::println);
            System.out.println("final cursor " + mirrorAll.cursor);
        }
        assertEquals(expected, allOfAB, "the mirror of everything holds exactly the published articles of A and B");
        for (String id : publishedA) {
            JsonNode live = read(given().get("/api/v1/articles/" + id).asString());
            assertEquals(canonical(live), canonical(mirrorA.articles.get(id)), "the mirror stores what the API shows");
        }
        assertEquals(0, mirrorA.hashMismatches + mirrorAll.hashMismatches);
    }

    /**
     * A page keeps each article's representation (its JSON and content hash) by its version, its publisher's and the
     * locale: every read, kept or written afresh, is the article as the public API shows it at that moment.
     */
    @Test
    void aKeptRepresentationFollowsEveryChangeOfTheArticleItsTranslationsAndItsPublisher() {
        String publisher = createPublisher();
        Map<String, Object> body = article(publisher, "hashed");
        body.put("translations", List.of(translation("en", "Hashed")));
        String id = createArticleId(body);

        String first = hashOfItsArticle(shownAsTheApiShowsIt(snapshotItem(publisher, id, null), id, null));
        assertEquals(
                first,
                hashOfItsArticle(shownAsTheApiShowsIt(snapshotItem(publisher, id, null), id, null)),
                "read again: kept");
        String english = hashOfItsArticle(shownAsTheApiShowsIt(snapshotItem(publisher, id, "en"), id, "en"));
        assertNotEquals(first, english, "another locale, another representation");

        Map<String, Object> rename = publisher(publisher);
        rename.put("name", "改名后的福彩中心");
        json().body(rename).put("/api/v1/publishers/" + publisher).then().statusCode(200);
        JsonNode renamed = shownAsTheApiShowsIt(snapshotItem(publisher, id, null), id, null);
        assertEquals(
                "改名后的福彩中心", renamed.get("article").get("publisher").get("name").asText());
        String afterRename = hashOfItsArticle(renamed);
        assertNotEquals(first, afterRename, "the article shows its publisher's name");

        body.put("title", "改过的标题");
        body.put("translations", List.of(translation("en", "Hashed, and edited")));
        json().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        JsonNode edited = shownAsTheApiShowsIt(snapshotItem(publisher, id, null), id, null);
        assertEquals("改过的标题", edited.get("article").get("title").asText());
        assertNotEquals(afterRename, hashOfItsArticle(edited));
        JsonNode editedInEnglish = shownAsTheApiShowsIt(snapshotItem(publisher, id, "en"), id, "en");
        assertEquals(
                "Hashed, and edited",
                editedInEnglish.get("article").get("title").asText());
        assertNotEquals(english, hashOfItsArticle(editedInEnglish));

        // unpublished: the same version's representation is kept, but a mirror is told to remove it
        body.put("status", "draft");
        json().body(body).put("/api/v1/articles/" + id).then().statusCode(200);
        assertFalse(
                read(admin().queryParam("publisher", publisher)
                                .get("/api/v1/sync/articles")
                                .asString())
                        .get("items")
                        .findValuesAsText("id")
                        .contains(id),
                "a snapshot holds published articles only");
    }

    /** The item, checked to carry the article as the public API shows it now in that locale. */
    private static JsonNode shownAsTheApiShowsIt(JsonNode item, String id, String locale) {
        var request = given();
        if (locale != null) {
            request.queryParam("locale", locale);
        }
        assertEquals(
                canonical(read(request.get("/api/v1/articles/" + id).asString())),
                canonical(item.get("article")),
                item.toString());
        return item;
    }

    /** The article's item in a fresh snapshot of its publisher, read in a locale (null: the original). */
    private static JsonNode snapshotItem(String publisher, String id, String locale) {
        var request = admin().queryParam("publisher", publisher).queryParam("limit", 100);
        if (locale != null) {
            request.queryParam("locale", locale);
        }
        for (JsonNode item :
                read(request.get("/api/v1/sync/articles").asString()).get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in the snapshot of " + publisher);
    }

    /** The item's content hash, checked to be the SHA-256 of the canonical JSON of the article it carries. */
    private static String hashOfItsArticle(JsonNode item) {
        assertEquals(
                CanonicalJson.sha256(item.get("article")),
                item.get("contentHash").asText(),
                item.toString());
        return item.get("contentHash").asText();
    }

    @Test
    void aChangeThatCommitsLateIsStillDeliveredAfterALaterOne() throws Exception {
        String publisher = createPublisher();
        String early = createArticleId(article(publisher, "early"));
        String late = createArticleId(article(publisher, "late"));
        Mirror mirror = new Mirror(publisher);
        mirror.catchUp();
        UUID publisherId = uuid(given().get("/api/v1/publishers/" + publisher).path("id"));

        try (Connection slow = db.getConnection()) {
            // A writer whose transaction takes its change number first and commits last.
            slow.setAutoCommit(false);
            try (PreparedStatement change = slow.prepareStatement(
                    "update article set title = '慢事务的标题', version = version + 1, updated_at = now() where id = ?")) {
                change.setObject(1, uuid(early));
                change.executeUpdate();
            }
            try (PreparedStatement change = slow.prepareStatement(
                    "insert into article_change (article_id, publisher_id, changed_at) values (?, ?, ?)")) {
                change.setObject(1, uuid(early));
                change.setObject(2, publisherId);
                change.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                change.executeUpdate();
            }
            Map<String, Object> body = article(publisher, "late");
            body.put("title", "快事务的标题");
            json().body(body).put("/api/v1/articles/" + late).then().statusCode(200);

            String before = mirror.cursor;
            mirror.catchUp();
            assertEquals(
                    "温州福彩2019年销量再破20亿",
                    mirror.articles.get(late).get("title").asText(),
                    "the committed change waits behind the open transaction");
            assertFalse(before.isEmpty());
            slow.commit();
        }
        awaitFeedHorizon();
        mirror.catchUp();
        assertEquals("快事务的标题", mirror.articles.get(late).get("title").asText());
        assertEquals("慢事务的标题", mirror.articles.get(early).get("title").asText());
    }

    @Test
    void removalsSayWhyAndForgedCursorsAreGone() throws InterruptedException {
        String publisher = createPublisher();
        String draft = createArticleId(article(publisher, "to-draft"));
        String archived = createArticleId(article(publisher, "to-archive"));
        String deleted = createArticleId(article(publisher, "to-delete"));
        Mirror mirror = new Mirror(publisher);
        awaitFeedHorizon();
        mirror.catchUp();
        assertEquals(3, mirror.articles.size());
        Map<String, Object> body = article(publisher, "to-draft");
        body.put("status", "draft");
        json().body(body).put("/api/v1/articles/" + draft).then().statusCode(200);
        body = article(publisher, "to-archive");
        body.put("status", "archived");
        json().body(body).put("/api/v1/articles/" + archived).then().statusCode(200);
        admin().delete("/api/v1/articles/" + deleted).then().statusCode(204);
        awaitFeedHorizon();

        Response page = admin().queryParam("cursor", mirror.cursor)
                .queryParam("publisher", publisher)
                .get("/api/v1/sync/articles");
        page.then()
                .statusCode(200)
                .body("items.find { it.id == '" + draft + "' }.reason", equalTo("unpublished"))
                .body("items.find { it.id == '" + archived + "' }.reason", equalTo("archived"))
                .body("items.find { it.id == '" + deleted + "' }.reason", equalTo("deleted"))
                .body("items.find { it.id == '" + deleted + "' }.article", equalTo(null));
        mirror.catchUp();
        assertTrue(mirror.articles.isEmpty());

        String forged =
                mirror.cursor.substring(0, mirror.cursor.length() - 2) + (mirror.cursor.endsWith("AA") ? "BB" : "AA");
        admin().queryParam("cursor", forged)
                .queryParam("publisher", publisher)
                .get("/api/v1/sync/articles")
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/cursor-gone"));
        admin().queryParam("cursor", mirror.cursor)
                .get("/api/v1/sync/articles")
                .then()
                .statusCode(410)
                .body("detail", org.hamcrest.Matchers.containsString("publisher"));
        given().get("/api/v1/sync/articles").then().statusCode(401);

        // Pruning past a cursor's position (as the retention job does) makes the cursor expire.
        try {
            cn.fucai.cms.support.TestData.column(
                    db,
                    "update article_change_pruned set xid = ((select max(xid) from article_change)::text::bigint + 1)::text::xid8, "
                            + "seq = 0 returning id");
            admin().queryParam("cursor", mirror.cursor)
                    .queryParam("publisher", publisher)
                    .get("/api/v1/sync/articles")
                    .then()
                    .statusCode(410)
                    .body("detail", org.hamcrest.Matchers.containsString("pruned"));
        } finally {
            cn.fucai.cms.support.TestData.column(
                    db, "update article_change_pruned set xid = '0', seq = 0 returning id");
        }
    }

    /**
     * Waits until every recorded change is older than the oldest open transaction. Any open transaction holds the feed
     * back (autovacuum's ANALYZE after a big import is one): changes arrive late then, never lost, so a test that wants
     * the final state must wait for the horizon to pass them.
     */
    private void awaitFeedHorizon() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (cn.fucai.cms.support.TestData.count(
                        db, "select count(*) from article_change where xid >= pg_snapshot_xmin(pg_current_snapshot())")
                > 0) {
            assertTrue(System.currentTimeMillis() < deadline, "an open transaction held the feed back for 30 s");
            Thread.sleep(50);
        }
    }

    private List<String> published(String publisher) {
        return cn.fucai.cms.support.TestData.allPages("/api/v1/articles?limit=100&publisher=" + publisher, "id");
    }
}
