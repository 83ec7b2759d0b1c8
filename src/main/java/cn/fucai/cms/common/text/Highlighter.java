package cn.fucai.cms.common.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Finds the passage that best shows why an article matched (title before summary before body, translations last) and
 * marks every hit: text is HTML-escaped, hits are wrapped in {@code <mark>}.
 */
public final class Highlighter {

    private static final int CONTEXT = 40;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Highlighter() {}

    /** A highlighted passage and the field it comes from. */
    public record Passage(String field, String snippet) {}

    /**
     * The needles of these terms that have no case, and so are found as written (Chinese, digits): where none stands in
     * an article's title or summary, the passage is in its body or translations, which must then be read.
     */
    public static List<String> caselessNeedles(List<String> terms) {
        return needles(terms).stream().filter(Highlighter::caseless).toList();
    }

    public static Passage best(
            List<String> terms, String title, String summary, String bodyHtml, String[] translations) {
        // the fields in order, each read only when those before it show no hit: most hits are in the title
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("title", () -> title));
        fields.add(new Field("summary", () -> summary));
        fields.add(new Field("body", () -> textOf(bodyHtml)));
        for (String translation : translations) {
            fields.add(new Field("body", () -> textOf(translation)));
        }
        return first(needles(terms), fields).orElseGet(() -> new Passage("title", escape(title == null ? "" : title)));
    }

    /** The passage of a plain text that shows its first hit; empty when it has none. */
    static Optional<String> passage(List<String> terms, String text) {
        return first(needles(terms), List.of(new Field("text", () -> text))).map(Passage::snippet);
    }

    private static Optional<Passage> first(List<String> needles, List<Field> fields) {
        for (Field field : fields) {
            String text = field.text().get();
            if (text == null) {
                continue;
            }
            int at = firstHit(text, needles);
            if (at >= 0) {
                return Optional.of(new Passage(field.name(), snippet(text, at, needles)));
            }
        }
        return Optional.empty();
    }

    private record Field(String name, Supplier<String> text) {}

    private static String textOf(String html) {
        return html == null ? null : HtmlText.of(html);
    }

    /**
     * Where the first needle stands, in the text read as the index reads it (full-width letters and digits as ASCII,
     * one character for one); lowercased only for a needle with letters of a case (English).
     */
    private static int firstHit(String text, List<String> needles) {
        String ascii = FullWidth.toAscii(text);
        String lower = null;
        int first = -1;
        for (String needle : needles) {
            boolean caseless = caseless(needle);
            if (!caseless && lower == null) {
                lower = ascii.toLowerCase(Locale.ROOT);
            }
            int at = (caseless ? ascii : lower).indexOf(needle);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** Whether a needle (lowercased) reads the same in every case, and so is looked for in the text as written. */
    private static boolean caseless(String needle) {
        return needle.equals(needle.toUpperCase(Locale.ROOT));
    }

    private static String snippet(String text, int at, List<String> needles) {
        int start = Math.max(0, at - CONTEXT);
        int end = Math.min(text.length(), at + CONTEXT * 2);
        String window = text.substring(start, end);
        String lower = FullWidth.toAscii(window).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(start > 0 ? "…" : "");
        int i = 0;
        while (i < window.length()) {
            int hitLength = 0;
            for (String needle : needles) {
                if (lower.startsWith(needle, i)) {
                    hitLength = Math.max(hitLength, wordEnd(window, i, needle.length()) - i);
                }
            }
            if (hitLength > 0) {
                out.append("<mark>")
                        .append(escape(window.substring(i, i + hitLength)))
                        .append("</mark>");
                i += hitLength;
            } else {
                appendEscaped(out, window.charAt(i));
                i++;
            }
        }
        return out.append(end < text.length() ? "…" : "").toString();
    }

    /**
     * What to look for: a Chinese term as it is, an English word by its stem (conferences finds conference), each
     * word of a phrase on its own.
     */
    private static List<String> needles(List<String> terms) {
        return terms.stream().flatMap(term -> needles(term).stream()).toList();
    }

    private static List<String> needles(String term) {
        List<String> needles = new ArrayList<>();
        for (String word : WHITESPACE.split(term.toLowerCase(Locale.ROOT))) {
            if (word.isEmpty()) {
                continue;
            }
            if (SearchQuery.isChinese(word) || word.length() <= 4) {
                needles.add(word);
            } else {
                needles.add(word.substring(0, Math.max(4, word.length() - 3)));
            }
        }
        return needles;
    }

    /**
     * An English stem hit is marked to the end of its word, which a Chinese character ends (2021 of 2021年全国); a
     * Chinese hit is exactly the term.
     */
    private static int wordEnd(String text, int start, int length) {
        int end = start + length;
        if (SearchQuery.isChinese(text.substring(start, end))) {
            return end;
        }
        while (end < text.length()
                && Character.isLetterOrDigit(text.charAt(end))
                && !SearchQuery.isChinese(text.substring(end, end + 1))) {
            end++;
        }
        return end;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            appendEscaped(out, text.charAt(i));
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '&' -> out.append("&amp;");
            case '"' -> out.append("&quot;");
            default -> out.append(c);
        }
    }
}
