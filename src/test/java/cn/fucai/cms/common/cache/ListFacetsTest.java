package cn.fucai.cms.common.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which cached article lists a change drops: those whose every publisher, category and region filter the changed
 * article matched before or after the change, and no others but stripe neighbours.
 */
class ListFacetsTest {

    private static final String ID = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11";

    /** An article of publisher bench-330000 (by id and slug) filed under 本地新闻 in 温州市鹿城区 (and so its parents). */
    private static final String[] CHANGE = {
        "p:" + ID, "p:bench-330000", "c:本地新闻", "r:330302", "r:330300", "r:330000", "r:000000"
    };

    @ParameterizedTest(name = "{0} → dropped: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "publisher=bench-330000                                   | true",
                "publisher=BENCH-330000                                   | true",
                "publisher=" + ID + "                                     | true",
                "category=本地新闻                                         | true",
                "region=330000                                            | true",
                "region=000000&category=本地新闻                           | true",
                "publisher=bench-330000&category=本地新闻&region=330300    | true",
                "publisher=bench-330000&region=330302                     | true",
                "publisher=bench-440000                                   | false",
                "category=销售动态                                         | false",
                "region=110000                                            | false",
                "category=本地新闻&region=110000                           | false",
                "publisher=bench-440000&category=本地新闻                  | false",
                "region=330000&category=销售动态                           | false",
                "publisher=bench-330000&category=本地新闻&region=440000    | false",
                // a filter given twice is left out of the key: the list depends on more changes, never on fewer
                "publisher=bench-440000&publisher=bench-110000&category=本地新闻 | true",
            })
    void aChangeDropsTheListsWhoseEveryFilterItsArticleMatches(String query, boolean dropped) {
        String key = ResponseCache.listFacet(parse(query));
        List<String> touched = ResponseCache.listKeysTouched(CHANGE);
        assertEquals(dropped, touched.contains(key), key + " among " + touched);
    }

    @Test
    void aChangeNamesEveryCombinationOnceWithEachKindInItsPlace() {
        List<String> touched = ResponseCache.listKeysTouched(CHANGE);
        // (2 publisher facets + none) x (1 category + none) x (4 regions + none), less the empty combination
        assertEquals(3 * 2 * 5 - 1, touched.size());
        assertEquals(touched.size(), new HashSet<>(touched).size());
        assertEquals(
                "p:bench-330000\u001fc:本地新闻\u001fr:330000",
                ResponseCache.listFacet(parse("region=330000&category=本地新闻&publisher=Bench-330000")));
    }

    @Test
    void anArticleMovedToAnotherPublisherAndCategoryDropsTheListsOfBothPlaces() {
        // the row before (bench-330000, 本地新闻) and after (bench-440000, 销售动态) come in one payload
        List<String> touched = ResponseCache.listKeysTouched(
                new String[] {"p:bench-330000", "p:bench-440000", "c:本地新闻", "c:销售动态", "r:440000"});
        for (String query : List.of(
                "publisher=bench-330000&category=本地新闻",
                "publisher=bench-440000&category=销售动态&region=440000",
                "category=销售动态")) {
            assertTrue(touched.contains(ResponseCache.listFacet(parse(query))), query);
        }
        assertFalse(touched.contains(ResponseCache.listFacet(parse("publisher=bench-110000&category=本地新闻"))));
    }

    @Test
    void aFacetOfAnUnknownKindDropsEveryFilteredList() {
        assertNull(ResponseCache.listKeysTouched(new String[] {"p:bench-330000", "t:公益金"}));
    }

    @Test
    void aListWithoutPublisherCategoryOrRegionHasNoKey() {
        assertNull(ResponseCache.listFacet(parse("locale=en&limit=20")));
        assertNull(ResponseCache.listFacet(Map.of()));
    }

    private static Map<String, List<String>> parse(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            parameters.merge(nameAndValue[0], List.of(nameAndValue[1]), (a, b) -> {
                List<String> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            });
        }
        return parameters;
    }
}
