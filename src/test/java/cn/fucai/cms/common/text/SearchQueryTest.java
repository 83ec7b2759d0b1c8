package cn.fucai.cms.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Chinese runs a text must be checked for beyond the index: those of three characters or more, whose bigrams the
 * index finds in any order; a run of one or two is a single token of the index, found only where it stands.
 */
class SearchQueryTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "公益金|公益金",
                "公益金 养老|公益金",
                "拉萨|",
                "福|",
                "拉萨 公益金 助残|公益金",
                "2023年公益金|年公益金",
                "welfare 公益金 report|公益金",
                "养老服务|养老服务",
            })
    void onlyRunsOfThreeOrMoreCharactersAreCheckedAsWritten(String q, String runs) {
        List<String> expected = runs == null ? List.of() : Arrays.asList(runs.split(","));
        assertEquals(expected, SearchQuery.parse(q).longChineseRuns());
    }
}
