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
 *
 * <p>A term that holds one of the field's abbreviations is searched in each form it can be written in ({@link
 * #ABBREVIATIONS}): 福彩公益金 finds 福利彩票公益金 too, and 福利彩票发行中心 finds 福彩中心.
 */
public record SearchQuery(List<Term> words) {

    /**
     * A term as it is read (full width folded, spaces between Chinese characters gone), the forms it is searched in
     * (itself first, then as its abbreviations are otherwise written) and whether it was quoted, a phrase.
     */
    public record Term(String text, List<String> forms, boolean quoted) {}

    /**
     * The field's abbreviations, each group the ways of writing one name; the longest form found in a term is the one
     * read, so that 福彩中心 is a centre before it is 福彩. Only names that mean one thing are here.
     */
    static final List<List<String>> ABBREVIATIONS = List.of(
            List.of("福彩", "福利彩票"),
            List.of("体彩", "体育彩票"),
            List.of("福彩中心", "福彩发行中心", "福利彩票发行中心"),
            List.of("中福彩", "中福彩中心", "中国福利彩票发行管理中心"),
            List.of("残联", "残疾人联合会"));

    /** Forms of a term at most: each is searched, so a term with many abbreviations stops growing here. */
    static final int MAX_FORMS = 8;

    static final int MAX_LENGTH = 200;
    private static final Pattern TERM = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final Pattern CJK = Pattern.compile("[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]");
    private static final Pattern CJK_RUNS = Pattern.compile("[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");
    /** Spaces between two Chinese characters, which carry no meaning in a term. */
    private static final Pattern SPACE_IN_CHINESE = Pattern.compile("(?<=[\\u3400-\\u9fff])\\s+(?=[\\u3400-\\u9fff])");

    public static SearchQuery parse(String q) {
        if (q == null || q.isBlank()) {
            throw new InvalidInputException("q", "is required: one or more words, e.g. 公益金 or \"温州 福彩\"");
        }
        if (q.length() > MAX_LENGTH) {
            throw new InvalidInputException("q", "must be at most " + MAX_LENGTH + " characters; was " + q.length());
        }
        List<Term> terms = new ArrayList<>();
        // ２０２１ is 2021, and an ideographic space separates words as a space does
        Matcher matcher = TERM.matcher(FullWidth.toAscii(q).strip());
        while (matcher.find()) {
            String term = (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)).strip();
            // In a quoted Chinese phrase the spaces carry no meaning: 温州 福彩 is the text 温州福彩.
            term = SPACE_IN_CHINESE.matcher(term).replaceAll("");
            if (WORD.matcher(term).find()) {
                terms.add(new Term(term, forms(term), matcher.group(1) != null));
            }
        }
        if (terms.isEmpty()) {
            throw new InvalidInputException("q", "has no letters, digits or Chinese characters to search for");
        }
        return new SearchQuery(List.copyOf(terms));
    }

    /** The terms as they are read, in the order written. */
    public List<String> terms() {
        return words.stream().map(Term::text).toList();
    }

    /** Every form of every term: what a passage marks. */
    public List<String> forms() {
        return words.stream().flatMap(word -> word.forms().stream()).toList();
    }

    /**
     * The ways a term can be written: read from the left, each longest abbreviation or full form of {@link
     * #ABBREVIATIONS} found stands for every form of its group; the term itself first, at most {@link #MAX_FORMS}.
     */
    static List<String> forms(String term) {
        List<StringBuilder> forms = new ArrayList<>(List.of(new StringBuilder()));
        int i = 0;
        while (i < term.length()) {
            List<String> group = null;
            String found = "";
            for (List<String> candidates : ABBREVIATIONS) {
                for (String form : candidates) {
                    if (form.length() > found.length() && term.startsWith(form, i)) {
                        group = candidates;
                        found = form;
                    }
                }
            }
            if (group == null) {
                char c = term.charAt(i);
                forms.forEach(form -> form.append(c));
                i++;
                continue;
            }
            List<String> ways = new ArrayList<>(List.of(found));
            for (String way : group) {
                if (!way.equals(found)) {
                    ways.add(way);
                }
            }
            List<StringBuilder> grown = new ArrayList<>();
            for (StringBuilder form : forms) {
                for (String way : ways) {
                    if (grown.size() < MAX_FORMS) {
                        grown.add(new StringBuilder(form).append(way));
                    }
                }
            }
            forms = grown;
            i += found.length();
        }
        return forms.stream().map(StringBuilder::toString).toList();
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
        for (int i = 0; i < words.size(); i++) {
            List<String> forms = words.get(i).forms();
            List<String> branches = new ArrayList<>();
            for (int j = 0; j < forms.size(); j++) {
                // the first form's binds keep the names they had before forms
                branches.add(matches(forms.get(j), j == 0 ? Integer.toString(i) : i + "_" + j, tsquery));
            }
            String term = branches.size() == 1 ? branches.get(0) : "(" + String.join(" || ", branches) + ")";
            tsquery.append((i == 0 ? "" : " && ") + term);
        }
        return tsquery.append(")");
    }

    /** The tsquery of one form of a term, its values bound on {@code tsquery} with names ending in {@code suffix}. */
    private static String matches(String form, String suffix, Sql tsquery) {
        String bigrams = bigrams(form);
        String characters = loneCharacters(form);
        String english = english(form);
        List<String> parts = new ArrayList<>();
        if (!bigrams.isEmpty()) {
            parts.add("plainto_tsquery('simple', :bigrams" + suffix + ")");
            tsquery.bind("bigrams" + suffix, bigrams);
        }
        if (!characters.isEmpty()) {
            // only Chinese characters and the operators written here: nothing of the query's own syntax
            parts.add("to_tsquery('simple', :characters" + suffix + ")");
            tsquery.bind("characters" + suffix, characters);
        }
        if ((bigrams.isEmpty() && characters.isEmpty()) || WORD.matcher(english).find()) {
            parts.add("phraseto_tsquery('english', :english" + suffix + ")");
            tsquery.bind("english" + suffix, english);
        }
        return "(" + String.join(" && ", parts) + ")";
    }

    /**
     * A condition that {@code text} (an SQL expression, the plain text that {@code vector} indexes) holds each term (each
     * quoted one, when {@code quotedOnly}) as written: bigrams find a text that has them in any order (公益 … 益金), so a
     * text matches 公益金 only where its runs of three or more Chinese characters stand as written. A run of two
     * characters is one bigram, and one character the prefix of the tokens it begins: the index finds either only where
     * it stands. A term of several forms holds where one of its forms does: the form's own tsquery on {@code vector},
     * and its longer runs in the text, checked only where the form has any (福彩 as the index finds it, 福利彩票 also
     * as written), so that a text the index answers for is never read. Empty when nothing is to be checked; the values
     * are bound with names beginning with {@code name}, the forms' tsqueries with those of {@link #tsquery}.
     */
    public Sql runsIn(String text, String vector, boolean quotedOnly, String name) {
        Sql runs = new Sql("");
        for (int i = 0; i < words.size(); i++) {
            Term word = words.get(i);
            if (quotedOnly && !word.quoted()) {
                continue;
            }
            List<String> forms = word.forms();
            List<String> branches = new ArrayList<>();
            boolean anyRun = false;
            for (int j = 0; j < forms.size(); j++) {
                List<String> held = new ArrayList<>();
                if (forms.size() > 1) {
                    held.add(vector + " @@ " + matches(forms.get(j), j == 0 ? Integer.toString(i) : i + "_" + j, runs));
                }
                Matcher run = CJK_RUNS.matcher(forms.get(j));
                for (int k = 0; run.find(); ) {
                    if (run.group().codePointCount(0, run.group().length()) > 2) {
                        String bind = name + i + "_" + j + "_" + k++;
                        held.add("strpos(" + text + ", :" + bind + ") > 0");
                        runs.bind(bind, run.group());
                        anyRun = true;
                    }
                }
                branches.add(String.join(" and ", held));
            }
            // where no form has a longer run, the index has answered already
            if (anyRun) {
                String either = branches.size() == 1
                        ? branches.get(0)
                        : String.join(
                                " or ",
                                branches.stream().map(b -> "(" + b + ")").toList());
                runs.append(" and (" + either + ")");
            }
        }
        return runs;
    }

    /** The passage of a plain text that shows why it matched, hits in {@code <mark>}, the rest HTML-escaped. */
    public Optional<String> passageIn(String text) {
        return Highlighter.passage(forms(), text);
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
