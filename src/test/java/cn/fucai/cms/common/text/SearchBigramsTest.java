package cn.fucai.cms.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.common.sql.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A search's words are cut into bigrams and English text in Java, its articles in SQL (cms_search_document): the two
 * cut alike, and a search asks PostgreSQL the same tsquery as when it cut the words itself.
 */
@QuarkusTest
class SearchBigramsTest {

    /** The tsquery of one term as PostgreSQL cut it before, with the SQL functions the index is built with. */
    private static final String CUT_IN_SQL = "(plainto_tsquery('simple', cms_cjk_bigrams(%1$s))"
            + " && phraseto_tsquery('english', regexp_replace(%1$s, '[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+', ' ', 'g')))";

    @Inject
    Jdbi jdbi;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"福彩", "福", "温州福彩公益金", "福彩2026年,杭州 公益金", "conferences", "㐀㐁丽 豈更福", "ひらがな福彩", "福、彩 公益。金", ""})
    void bigramsAndEnglishTextAreCutAsTheIndexCutsThem(String text) {
        List<String> inSql = jdbi.withHandle(
                handle -> handle.createQuery("select cms_cjk_bigrams(:text) || '|' || regexp_replace(:text,"
                                + " '[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+', ' ', 'g')")
                        .bind("text", text)
                        .mapTo(String.class)
                        .list());

        assertEquals(List.of(SearchQuery.bigrams(text) + "|" + SearchQuery.english(text)), inSql);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "福彩",
                "福",
                "公益金",
                "温州福彩公益金",
                "福彩2026年",
                "2026",
                "conferences",
                "charity conference",
                "the",
                "Charity公益活动",
                "福彩、公益金",
                "㐀㐁丽",
                "豈更福",
                "ひらがな福彩",
                "Ｆｕｌｌ福",
                "A-1 福彩"
            })
    void aTermAsksTheSameTsqueryAsWhenPostgresqlCutIt(String term) {
        assertSameTsquery(new SearchQuery(List.of(term), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"温州 公益金", "福彩 charity 2026", "\"阳光 福彩\" 助学"})
    void everyTermOfAQueryMustMatchAsBefore(String q) {
        assertSameTsquery(SearchQuery.parse(q));
    }

    private void assertSameTsquery(SearchQuery query) {
        Sql cutInSql = new Sql("select (");
        for (int i = 0; i < query.terms().size(); i++) {
            cutInSql.append(
                    (i == 0 ? "" : " && ") + CUT_IN_SQL.formatted(":term" + i),
                    "term" + i,
                    query.terms().get(i));
        }
        Sql both =
                cutInSql.append(")::text as before, ").append(query.tsquery()).append("::text as now");

        List<String> beforeAndNow = jdbi.withHandle(handle -> both.query(handle)
                .map((rs, context) -> List.of(rs.getString("before"), rs.getString("now")))
                .one());

        assertEquals(beforeAndNow.get(0), beforeAndNow.get(1), "the tsquery before, and now");
    }
}
