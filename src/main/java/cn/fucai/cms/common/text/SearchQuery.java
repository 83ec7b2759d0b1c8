package cn.fucai.cms.common.text;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search string read as terms: words separated by spaces must all match, "quoted text" matches as a phrase. A
 * Chinese word matches where all of its bigrams occur, a single Chinese character wherever it stands; in quotes, a run
 * of three or more Chinese characters must also occur as written ({@link #phrases()}), which the bigrams alone cannot
 * tell. Characters that mean something to PostgreSQL's tsquery syntax are just text: terms reach the database only as
 * parameters of plainto_tsquery and phraseto_tsquery, which have no operators, and of to_tsquery as lone Chinese
 * characters with the prefix mark this class writes. Articles are searched with it, and
 * figure lists filter with it.
 */
public record SearchQuery(List<String> terms, List<String> phrases) {

    static final int MAX_LENGTH = 200;
    private static final Pattern TERM = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final Pattern CJK = Pattern.compile("[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]");
    private static final Pattern CJK_RUNS = Pattern.compile("[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");
    private static final Pattern CJK_RUN_OF_THREE =
            Pattern.compile("[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]{3,}");
    /** Spaces between two Chinese characters, which carry no meaning in a term. */
    private static final Pattern SPACE_IN_CHINESE = Pattern.compile("(?<=[\\u3400-\\u9fff])\\s+(?=[\\u3400-\\u9fff])");

    public static SearchQuery parse(String q) {
        if (q == null || q.isBlank()) {
            throw new InvalidInputException("q", "is required: one or more words, e.g. 公益金 or \"温州 福彩\"");
        }
        if (q.length() > MAX_LENGTH) {
            throw new InvalidInputException("q", "must be at most " + MAX_LENGTH + " characters; was " + q.length());
        }
        List<String> terms = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        // ２０２１ is 2021, and an ideographic space separates words as a space does
        Matcher matcher = TERM.matcher(FullWidth.toAscii(q).strip());
        while (matcher.find()) {
            String term = (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)).strip();
            // In a quoted Chinese phrase the spaces carry no meaning: 温州 福彩 is the text 温州福彩.
            term = SPACE_IN_CHINESE.matcher(term).replaceAll("");
            if (WORD.matcher(term).find()) {
                terms.add(term);
                if (matcher.group(1) != null) {
                    Matcher run = CJK_RUN_OF_THREE.matcher(term);
                    while (run.find()) {
                        phrases.add(run.group());
                    }
                }
            }
        }
        if (terms.isEmpty()) {
            throw new InvalidInputException("q", "has no letters, digits or Chinese characters to search for");
        }
        return new SearchQuery(List.copyOf(terms), List.copyOf(phrases));
    }

    /**
     * The tsquery expression of these terms, for a tsvector built by cms_search_document: every term must match, the
     * Chinese part of each as all of its bigrams and each lone character as the prefix of a token (the index holds
     * every character at the start of one: the bigram it begins, or the end of its run alone), the rest as English
     * words (a phrase when quoted). The bigrams and the English text are cut here and bound (a SQL function such as
     * cms_cjk_tokens, which PostgreSQL cannot inline, is planned anew in every statement that calls it: 0.08 ms, a
     * tenth of a common word's search); a part with nothing to find is left out, as PostgreSQL would drop it.
     */
    public Sql tsquery() {
        Sql tsquery = new Sql("(");
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            String bigrams = bigrams(term);
            String characters = loneCharacters(term);
            String english = english(term);
            List<String> parts = new ArrayList<>();
            if (!bigrams.isEmpty()) {
                parts.add("plainto_tsquery('simple', :bigrams" + i + ")");
                tsquery.bind("bigrams" + i, bigrams);
            }
            if (!characters.isEmpty()) {
                // only Chinese characters and the operators written here: nothing of the query's own syntax
                parts.add("to_tsquery('simple', :characters" + i + ")");
                tsquery.bind("characters" + i, characters);
            }
            if ((bigrams.isEmpty() && characters.isEmpty())
                    || WORD.matcher(english).find()) {
                parts.add("phraseto_tsquery('english', :english" + i + ")");
                tsquery.bind("english" + i, english);
            }
            tsquery.append((i == 0 ? "(" : " && (") + String.join(" && ", parts) + ")");
        }
        return tsquery.append(")");
    }

    /**
     * The runs of three or more Chinese characters in the terms, which a text must also be checked for: bigrams find a
     * text that has them in any order (公益 … 益金), so a text matches 公益金 only where the run stands as written. A run
     * of two characters is one bigram, and one character the prefix of the tokens it begins: the index finds either
     * only where it stands.
     */
    public List<String> longChineseRuns() {
        List<String> runs = new ArrayList<>();
        for (String term : terms) {
            Matcher run = CJK_RUNS.matcher(term);
            while (run.find()) {
                if (run.group().codePointCount(0, run.group().length()) > 2) {
                    runs.add(run.group());
                }
            }
        }
        return runs;
    }

    /** The passage of a plain text that shows why it matched, hits in {@code <mark>}, the rest HTML-escaped. */
    public Optional<String> passageIn(String text) {
        return Highlighter.passage(terms, text);
    }

    /**
     * The Chinese bigrams of a term: every two neighbouring characters of each run of two or more Chinese characters,
     * separated by spaces, as cms_cjk_tokens puts them into the index (SearchIndexTest).
     */
    static String bigrams(String term) {
        StringJoiner bigrams = new StringJoiner(" ");
        Matcher run = CJK_RUNS.matcher(term);
        while (run.find()) {
            String chars = run.group();
            for (int i = 0; i + 1 < chars.length(); i++) {
                bigrams.add(chars.substring(i, i + 2));
            }
        }
        return bigrams.toString();
    }

    /**
     * The runs of one Chinese character in a term (年 of 2021年), each as the prefix of a token, in tsquery syntax: 年:*
     * finds 年全 of 2021年全国 and 年 at the end of 今年.
     */
    static String loneCharacters(String term) {
        StringJoiner characters = new StringJoiner(" & ");
        Matcher run = CJK_RUNS.matcher(term);
        while (run.find()) {
            if (run.group().length() == 1) {
                characters.add(run.group() + ":*");
            }
        }
        return characters.toString();
    }

    /** The English text of a term, as cms_search_document indexes it: each run of Chinese characters a space. */
    static String english(String term) {
        return CJK_RUNS.matcher(term).replaceAll(" ");
    }

    static boolean isChinese(String term) {
        return CJK.matcher(term).find();
    }
}
