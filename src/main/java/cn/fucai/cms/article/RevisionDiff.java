package cn.fucai.cms.article;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/**
 * What changed between two revisions: each field with its value before and after, and for texts (titles, summaries,
 * bodies as their readable text) a word-level diff from java-diff-utils. A Chinese character is a word of its own,
 * as Chinese has no spaces; Latin words and numbers are whole words; spaces and punctuation are kept as they are.
 */
final class RevisionDiff {

    /** One piece of a text diff: {@code equal}, {@code delete} (only before) or {@code insert} (only after). */
    record Segment(String op, String text) {}

    /** One changed field; {@code words} for texts. */
    record Change(String field, Object before, Object after, List<Segment> words) {}

    private static final Pattern WORD =
            Pattern.compile("\\p{IsHan}|[\\p{L}\\p{N}&&[^\\p{IsHan}]]+|\\s+|.", Pattern.DOTALL);

    private RevisionDiff() {}

    static List<Change> between(ArticleContent before, ArticleContent after) {
        Map<String, Object> was = ArticleRevisions.fields(before);
        Map<String, Object> is = ArticleRevisions.fields(after);
        List<Change> changes = new ArrayList<>();
        for (String field : ArticleRevisions.changedFields(before, after)) {
            Object old = was.get(field);
            Object now = is.get(field);
            List<Segment> words = isText(field) ? words(text(field, old), text(field, now)) : null;
            changes.add(new Change(field, old, now, words));
        }
        return changes;
    }

    /** The word-level diff of two texts, equal runs and changed runs each merged into one segment. */
    static List<Segment> words(String before, String after) {
        List<String> from = tokens(before);
        List<String> to = tokens(after);
        Patch<String> patch = DiffUtils.diff(from, to);
        List<Segment> segments = new ArrayList<>();
        int position = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            add(segments, "equal", from.subList(position, delta.getSource().getPosition()));
            add(segments, "delete", delta.getSource().getLines());
            add(segments, "insert", delta.getTarget().getLines());
            position = delta.getSource().getPosition() + delta.getSource().size();
        }
        add(segments, "equal", from.subList(position, from.size()));
        return segments;
    }

    private static void add(List<Segment> segments, String op, List<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        String text = String.join("", tokens);
        Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        if (last != null && last.op().equals(op)) {
            segments.set(segments.size() - 1, new Segment(op, last.text() + text));
        } else {
            segments.add(new Segment(op, text));
        }
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = WORD.matcher(text == null ? "" : text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    private static final Set<String> TEXTS = Set.of("title", "summary", "body");

    private static boolean isText(String field) {
        return TEXTS.contains(field.substring(field.lastIndexOf('.') + 1));
    }

    /** A body as the words a reader sees (jsoup's text of the HTML); other texts as they are. */
    private static String text(String field, Object value) {
        String text = Objects.toString(value, "");
        return field.endsWith("body") ? Jsoup.parse(text).text() : text;
    }
}
