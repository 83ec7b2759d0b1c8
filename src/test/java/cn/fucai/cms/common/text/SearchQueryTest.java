package cn.fucai.cms.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.cms.common.sql.Sql;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a search string is read: the forms each term is searched in (the field's abbreviations written out and back), and
 * the Chinese runs a text must be checked for beyond the index.
 */
class SearchQueryTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "公益金|公益金",
                "福彩|福彩,福利彩票",
                "福利彩票|福利彩票,福彩",
                "福彩公益金|福彩公益金,福利彩票公益金",
                "2021年福利彩票发行|2021年福利彩票发行,2021年福彩发行",
                "浙江省福彩中心|浙江省福彩中心,浙江省福彩发行中心,浙江省福利彩票发行中心",
                "福利彩票发行中心|福利彩票发行中心,福彩中心,福彩发行中心",
                "中福彩中心|中福彩中心,中福彩,中国福利彩票发行管理中心",
                "体彩与福彩|体彩与福彩,体彩与福利彩票,体育彩票与福彩,体育彩票与福利彩票",
                "市残联|市残联,市残疾人联合会",
                "welfare|welfare",
            })
    void aTermIsSearchedInEveryFormItsAbbreviationsAreWrittenIn(String q, String forms) {
        assertEquals(
                Arrays.asList(forms.split(",")),
                SearchQuery.parse(q).words().get(0).forms());
    }

    @Test
    void aTermOfManyAbbreviationsStopsGrowingAtTheMostForms() {
        List<String> forms = SearchQuery.forms("福彩体彩福彩体彩");

        assertEquals(SearchQuery.MAX_FORMS, forms.size());
        assertEquals("福彩体彩福彩体彩", forms.get(0));
        assertEquals(forms.size(), forms.stream().distinct().count(), forms.toString());
    }

    @Test
    void theTermsAreReadAsWrittenAndEveryFormIsMarked() {
        SearchQuery query = SearchQuery.parse("福彩 \"助学 项目\" 2021");

        assertEquals(List.of("福彩", "助学项目", "2021"), query.terms());
        assertEquals(List.of("福彩", "福利彩票", "助学项目", "2021"), query.forms());
        assertEquals(
                List.of(false, true, false),
                query.words().stream().map(SearchQuery.Term::quoted).toList());
    }

    /**
     * A term of one form is checked for its runs of three or more; one of several forms holds where one form's tsquery
     * and its runs of three or more do, the text read only for a form the index cannot answer for alone.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            ignoreLeadingAndTrailingWhitespace = false,
            value = {
                "公益金| and (strpos(t, :r0_0_0) > 0)|r0_0_0=公益金",
                "公益金 养老| and (strpos(t, :r0_0_0) > 0)|r0_0_0=公益金",
                "拉萨||",
                "福||",
                "拉萨 公益金 助残| and (strpos(t, :r1_0_0) > 0)|r1_0_0=公益金",
                "2023年公益金| and (strpos(t, :r0_0_0) > 0)|r0_0_0=年公益金",
                "welfare 公益金 report| and (strpos(t, :r1_0_0) > 0)|r1_0_0=公益金",
                "福彩| and ((v @@ (plainto_tsquery('simple', :bigrams0))) or (v @@ (plainto_tsquery('simple', :bigrams0_1))"
                        + " and strpos(t, :r0_1_0) > 0))|bigrams0=福彩,bigrams0_1=福利 利彩 彩票,r0_1_0=福利彩票",
                "2021 福彩 report| and ((v @@ (plainto_tsquery('simple', :bigrams1))) or (v @@ (plainto_tsquery('simple',"
                        + " :bigrams1_1)) and strpos(t, :r1_1_0) > 0))|bigrams1=福彩,bigrams1_1=福利 利彩 彩票,r1_1_0=福利彩票",
            })
    void theRunsATextMustHoldAsWritten(String q, String condition, String binds) {
        Sql runs = SearchQuery.parse(q).runsIn("t", "v", false, "r");

        assertEquals(condition == null ? "" : condition, runs.text());
        assertEquals(binds == null ? Map.of() : parse(binds), runs.binds());
    }

    @Test
    void onlyQuotedTermsAreCheckedWhenAsked() {
        Sql runs = SearchQuery.parse("公益金 \"福彩助学\"").runsIn("t", "v", true, "p");

        assertEquals(
                " and ((v @@ (plainto_tsquery('simple', :bigrams1)) and strpos(t, :p1_0_0) > 0)"
                        + " or (v @@ (plainto_tsquery('simple', :bigrams1_1)) and strpos(t, :p1_1_0) > 0))",
                runs.text());
        assertEquals(
                Map.of(
                        "bigrams1", "福彩 彩助 助学",
                        "bigrams1_1", "福利 利彩 彩票 票助 助学",
                        "p1_0_0", "福彩助学",
                        "p1_1_0", "福利彩票助学"),
                runs.binds());
    }

    @Test
    void eachFormIsABranchOfItsTermsTsqueryAndAOneFormTermKeepsItsBindNames() {
        Sql tsquery = SearchQuery.parse("福彩 公益金").tsquery();

        assertEquals(
                "(((plainto_tsquery('simple', :bigrams0)) || (plainto_tsquery('simple', :bigrams0_1)))"
                        + " && (plainto_tsquery('simple', :bigrams1)))",
                tsquery.text());
        assertEquals(Map.of("bigrams0", "福彩", "bigrams0_1", "福利 利彩 彩票", "bigrams1", "公益 益金"), tsquery.binds());
    }

    private static Map<String, Object> parse(String binds) {
        return Arrays.stream(binds.split(","))
                .map(bind -> bind.split("="))
                .collect(Collectors.toMap(pair -> pair[0], pair -> (Object) pair[1]));
    }
}
