package cn.fucai.cms.article;

import cn.fucai.cms.common.http.QueryParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** BCP 47 tags: validation, canonical spelling, and choosing which locale of an article to serve. */
final class Locales {

    private Locales() {}

    /** The canonical spelling of a well-formed BCP 47 tag ("zh-cn" becomes "zh-CN"); otherwise a 400 naming the field. */
    static String canonical(String field, String tag) {
        return QueryParams.languageTag(field, tag).toLanguageTag();
    }

    /**
     * What the reader asked for: an explicit {@code locale} parameter wins, else the Accept-Language header.
     * A malformed header is ignored rather than refused, as browsers send odd ones.
     */
    static List<Locale.LanguageRange> preferences(String localeParam, String acceptLanguage) {
        if (localeParam != null) {
            return List.of(new Locale.LanguageRange(canonical("locale", localeParam)));
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return List.of();
        }
        try {
            return Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * Every locale {@link #choose} could pick for these preferences, whatever the article has, in lower case: each range
     * and what cutting it at a hyphen leaves, as RFC 4647 lookup tries them (a few more than lookup would: it skips a
     * singleton left at the end). Null when a range has a wildcard within, which lookup may match with any tag; a range
     * of a wildcard alone matches none.
     */
    static List<String> candidates(List<Locale.LanguageRange> preferences) {
        List<String> candidates = new ArrayList<>();
        for (Locale.LanguageRange preference : preferences) {
            String range = preference.getRange().toLowerCase(Locale.ROOT);
            if (range.equals("*")) {
                continue;
            }
            if (range.contains("*")) {
                return null;
            }
            for (int end = range.length(); end > 0; end = range.lastIndexOf('-', end - 1)) {
                String prefix = range.substring(0, end);
                if (!candidates.contains(prefix)) {
                    candidates.add(prefix);
                }
            }
        }
        return candidates;
    }

    /** The best of the available locales for these preferences (RFC 4647 lookup), falling back to the original. */
    static String choose(List<Locale.LanguageRange> preferences, String original, List<String> translations) {
        if (preferences.isEmpty()) {
            return original;
        }
        List<String> available = new ArrayList<>(translations.size() + 1);
        available.add(original);
        available.addAll(translations);
        String match = Locale.lookupTag(preferences, available);
        if (match == null) {
            return original;
        }
        for (String tag : available) {
            if (tag.equalsIgnoreCase(match)) {
                return tag;
            }
        }
        return original;
    }
}
