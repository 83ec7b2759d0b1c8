package cn.fucai.cms.media;

import static cn.fucai.cms.support.QueryPlans.allNodes;
import static cn.fucai.cms.support.QueryPlans.explain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.common.text.SearchQuery;
import cn.fucai.cms.media.MediaDtos.PageHit;
import cn.fucai.cms.support.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PDF search over more PDFs than a page of results holds, for words on every page and on a few old ones: in order
 * and each once however the pages of results cut them. Each test
 * writes its PDFs in a transaction it rolls back, so that no other test's search or change feed sees them.
 */
@QuarkusTest
class PageSearchTest {

    private static final int PDFS = 130;
    private static final int PAGES = 3;

    /** A page of the rare word: the second page of every 40th PDF, and every page of the oldest. */
    private static final BiPredicate<Integer, Integer> RARE = (n, page) -> n % 40 == 0 && page == 2 || n == 1;

    @Inject
    PageSearch search;

    @Inject
    Jdbi jdbi;

    @Inject
    DataSource db;

    @Inject
    TransactionManager transactions;

    @ParameterizedTest(name = "{0} a page")
    @ValueSource(ints = {1, 2, 7, 40, 100})
    void everyPageComesOnceNewestPdfFirstThenPageByPage(int limit) throws Exception {
        UUID publisher = publisherId(TestData.createPublisher());
        String common = word();
        String rare = word();
        rolledBack(handle -> {
            insertPdfs(handle, publisher, PDFS, PAGES, common, rare);

            List<String> everyPage = new ArrayList<>();
            List<String> rarePages = new ArrayList<>();
            for (int n = PDFS; n >= 1; n--) {
                for (int page = 1; page <= PAGES; page++) {
                    everyPage.add(n + "/" + page);
                    if (RARE.test(n, page)) {
                        rarePages.add(n + "/" + page);
                    }
                }
            }
            assertEquals(everyPage, allHits(common, publisher, null, limit), "a word on every page");
            assertEquals(rarePages, allHits(rare, publisher, null, limit), "a word on a few pages, most of them old");
            assertEquals(rarePages, allHits(rare + " 拉萨", publisher, null, limit), "with a Chinese word beside it");
            assertEquals(List.of(), allHits(word(), publisher, null, limit), "a word on none");
        });
    }

    @Test
    void othersFindOnlyThePdfsThatPublishedContentUses() throws Exception {
        UUID publisher = publisherId(TestData.createPublisher());
        UUID other = publisherId(TestData.createPublisher());
        String common = word();
        rolledBack(handle -> {
            insertPdfs(handle, publisher, PDFS, PAGES, common, word());
            // PDFs 125 (among the newest) and 3 (found through the index) are cited by published content, 60 by a draft
            handle.execute("""
                    insert into media_use (media_id, used_by_kind, used_by_id, visible)
                    select id, 'article', gen_random_uuid(), original_name <> 'report-60.pdf' from media
                    where publisher_id = ? and original_name in ('report-125.pdf', 'report-3.pdf', 'report-60.pdf')""", publisher);

            List<String> cited = List.of("125/1", "125/2", "125/3", "3/1", "3/2", "3/3");
            assertEquals(cited, allHits(common, null, Set.of(other), 2), "a reader of another publisher");
            assertEquals(cited, allHits(common, publisher, Set.of(), 4), "anyone, of this publisher");
            assertEquals(
                    PDFS * PAGES, allHits(common, null, Set.of(publisher), 50).size(), "its own people");
        });
    }

    /**
     * The plan of a search of 600 PDFs, for a word on every page, one on a few pages spread over them and one on the
     * second page of the oldest 60, by each PDF's own people, all callers and one publisher's: none compares each PDF
     * with every match held in memory. Without {@link PageSearch#PLANNER_SETTINGS}, PostgreSQL does that for the word of
     * the oldest PDFs: a Materialize node, 33,677 rows removed by the join filter (on bench/pdf-search.sh's dataset,
     * 594,539 for a city's name, 70 ms).
     */
    @ParameterizedTest(name = "{0} word")
    @ValueSource(strings = {"common", "rare", "old"})
    void noPlanComparesEachPdfWithEveryMatch(String which) throws Exception {
        UUID publisher = publisherId(TestData.createPublisher());
        Map<String, String> words = Map.of("common", word(), "rare", word(), "old", word());
        rolledBack(handle -> {
            insertPdfs(handle, publisher, 600, 10, words.get("common"), words.get("rare"));
            handle.execute("""
                    update media_page g set text = g.text || ' ' || ?, document = cms_search_document(g.text || ' ' || ?)
                    from media m where m.id = g.media_id and m.publisher_id = ? and g.page = 2
                    and regexp_replace(m.original_name, '[^0-9]', '', 'g')::int <= 60""", words.get("old"), words.get("old"), publisher);
            handle.execute("analyze media");
            handle.execute("analyze media_page");
            handle.execute(PageSearch.PLANNER_SETTINGS);
            SearchQuery query = SearchQuery.parse(words.get(which));
            List<Sql> statements = List.of(
                    PageSearch.statement(query, null, null, null, 21),
                    PageSearch.statement(query, null, Set.of(publisher), null, 21),
                    PageSearch.statement(query, publisher, Set.of(), null, 21));
            for (Sql statement : statements) {
                List<JsonNode> nodes = allNodes(explain(handle, statement, false));
                String shown = nodes.get(0).toPrettyString();
                for (JsonNode node : nodes) {
                    assertNotEquals("Materialize", node.path("Node Type").asText(), shown);
                    assertEquals(0, node.path("Rows Removed by Join Filter").asLong(), shown);
                }
            }
        });
    }

    /** Every hit through every page of results, as "PDF number/page". */
    private List<String> allHits(String q, UUID publisher, Set<UUID> scope, int limit) {
        List<String> hits = new ArrayList<>();
        String cursor = null;
        do {
            Page<PageHit> page = search.search(SearchQuery.parse(q), publisher, scope, cursor, limit);
            assertTrue(page.items().size() <= limit);
            for (PageHit hit : page.items()) {
                String name = hit.document().originalName();
                hits.add(name.substring("report-".length(), name.length() - ".pdf".length()) + "/" + hit.page());
            }
            cursor = page.nextCursor();
            assertTrue(cursor == null || page.items().size() == limit, "a full page before another");
        } while (cursor != null);
        return hits;
    }

    /**
     * PDFs report-1 … report-N of a publisher, a minute apart (report-N the newest), each page saying the common word,
     * and the rare pages ({@link #RARE}) the rare word and 拉萨 too.
     */
    private static void insertPdfs(Handle handle, UUID publisher, int pdfs, int pages, String common, String rare) {
        handle.execute("""
                insert into media (id, publisher_id, sha256, media_type, bytes, pages, original_name, locale, title,
                                   created_at, updated_at)
                select gen_random_uuid(), ?, encode(sha256(convert_to(?::text || n, 'UTF8')), 'hex'), 'application/pdf',
                       1000, ?, 'report-' || n || '.pdf', 'zh-CN', '公益金报告' || n,
                       timestamptz '2020-01-01' + n * interval '1 minute', now()
                from generate_series(1, ?) n""", publisher, publisher, pages, pdfs);
        handle.execute("""
                insert into media_page (media_id, page, text, document)
                select m.id, p.page, t.text, cms_search_document(t.text)
                from media m cross join generate_series(1, ?) p(page),
                     lateral (select regexp_replace(m.original_name, '[^0-9]', '', 'g')::int as n) r,
                     lateral (select '第' || p.page || '页：福彩公益金用于养老服务。' || ? || case
                         when r.n % 40 = 0 and p.page = 2 or r.n = 1 then ' 拉萨 ' || ? else '' end as text) t
                where m.publisher_id = ?""", pages, common, rare, publisher);
    }

    /** The work in a transaction rolled back at the end, on the connection the service's statements use in it too. */
    private void rolledBack(HandleConsumer<Exception> work) throws Exception {
        transactions.begin();
        try {
            jdbi.useHandle(work);
        } finally {
            transactions.rollback();
        }
    }

    /** A word no other test's PDF says: letters only, so that the English parser keeps it whole. */
    private static String word() {
        StringBuilder word = new StringBuilder("zq");
        UUID.randomUUID()
                .toString()
                .chars()
                .filter(Character::isDigit)
                .limit(8)
                .forEach(c -> word.append((char) ('a' + c - '0')));
        return word.toString();
    }

    private UUID publisherId(String slug) {
        return UUID.fromString(TestData.column(db, "select id from publisher where slug = ?", slug)
                .get(0));
    }
}
