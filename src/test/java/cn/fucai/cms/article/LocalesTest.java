package cn.fucai.cms.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The locales a reader's preferences could be served in, which are all the texts a single read fetches. */
class LocalesTest {

    private static final List<String> AVAILABLE = List.of("en", "en-GB", "zh-TW", "zh-Hant", "ja", "fr-CA");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "en | en",
                "en-GB,en;q=0.8 | en-gb en",
                "zh-Hant-TW, en-US;q=0.5 | zh-hant-tw zh-hant zh en-us en",
                "ZH-tw | zh-tw zh",
                "'*, ja' | ja",
                "fr-CA-x-private | fr-ca-x-private fr-ca-x fr-ca fr",
            })
    void eachRangeAndWhatCuttingItLeaves(String acceptLanguage, String expected) {
        List<Locale.LanguageRange> preferences = Locales.preferences(null, acceptLanguage);
        List<String> candidates = Locales.candidates(preferences);
        assertEquals(List.of(expected.split(" ")), candidates);
        // whatever the article offers, the locale chosen is the original or one of the candidates' texts
        for (int drop = 0; drop < AVAILABLE.size(); drop++) {
            List<String> offered = AVAILABLE.subList(drop, AVAILABLE.size());
            String chosen = Locales.choose(preferences, "zh-CN", offered);
            assertTrue(
                    chosen.equals("zh-CN") || candidates.contains(chosen.toLowerCase(Locale.ROOT)),
                    () -> acceptLanguage + " chose " + chosen + " of " + offered + ", not among " + candidates);
        }
    }

    @ParameterizedTest
    @CsvSource({"*-TW", "'en, *-CH'"})
    void aWildcardWithinARangeMayBeServedAnyText(String acceptLanguage) {
        assertNull(Locales.candidates(Locales.preferences(null, acceptLanguage)));
    }
}
