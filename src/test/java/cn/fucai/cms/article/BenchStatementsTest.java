package cn.fucai.cms.article;

import static cn.fucai.cms.bench.BenchScripts.asScripted;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.bench.BenchScripts;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.sql.Sql;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * bench/pg/*.sql run through pgbench the statements the article endpoints run, so that the benchmark's "the same SQL
 * alone" rows compare an endpoint with its own SQL: each script's statements are the service's, with every bind
 * replaced by the expression that picks the benchmark's inputs. A statement changed in the code fails here until its
 * script is changed with it (the figures' scripts: FigureBenchStatementsTest).
 */
class BenchStatementsTest {

    /** One of the 2,000 articles the HTTP run picks from, by its number (bench_article's primary key). */
    private static final String AN_ARTICLE = "(select id from bench_article where n = :n)";

    private static final ArticleFilter PUBLISHED = filter(null, null);

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of("article.sql", List.of(byId(ArticleStates.READ_ORIGINAL))),
                Arguments.of("article-304.sql", List.of(byId(ArticleValidators.SELECT))),
                Arguments.of("list.sql", List.of(asScripted(firstPage(PUBLISHED), Map.of()))),
                Arguments.of(
                        "list-filtered.sql",
                        List.of(asScripted(
                                firstPage(filter("110000", "本地新闻")),
                                Map.of(
                                        "regionKey",
                                        "(PROVINCES)[:r] || (array['本地新闻', '公益金公告', '销售动态', '通知公告'])[:c]")))),
                Arguments.of(
                        "list-page-50.sql",
                        List.of(asScripted(
                                ArticleListQuery.statement(
                                        PUBLISHED,
                                        ArticleSort.PUBLISHED_AT_DESC,
                                        new Cursor(
                                                "",
                                                List.of(
                                                        "2026-01-01T00:00:00Z",
                                                        UUID.randomUUID().toString())),
                                        21),
                                Map.of(
                                        "afterKey", "(select key::text from bench_page50)",
                                        "afterId", "(select id from bench_page50)")))),
                // a snapshot page of 20 whose articles' JSON the service keeps: the horizon, then the versions
                Arguments.of(
                        "sync.sql",
                        List.of(
                                "select pg_snapshot_xmin(pg_current_snapshot())::text",
                                asScripted(
                                        ArticleStates.publishedAfterStatement(null, UUID.randomUUID(), 20),
                                        Map.of("after", AN_ARTICLE)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void benchScriptRunsTheServiceStatements(String script, List<String> statements) {
        assertEquals(
                statements,
                BenchScripts.statements(script),
                () -> "bench/pg/" + script + " should run, in order:\n" + String.join(";\n", statements));
    }

    private static String byId(String select) {
        return asScripted(new Sql(select + " where a.id = :id"), Map.of("id", AN_ARTICLE));
    }

    private static Sql firstPage(ArticleFilter filter) {
        return ArticleListQuery.statement(filter, ArticleSort.PUBLISHED_AT_DESC, null, 21);
    }

    private static ArticleFilter filter(String region, String category) {
        return new ArticleFilter(null, region, category, null, ArticleStatus.published, null, null, null, null);
    }
}
