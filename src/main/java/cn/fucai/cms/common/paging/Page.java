package cn.fucai.cms.common.paging;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a collection: the items and the opaque cursor of the next page, null on the last one. */
// not a schema of its own: each use is documented as Page<its item> (PageArticleSummary, …)
@Schema(hidden = true)
public record Page<T>(
        @Schema(description = "The items of this page, in the requested order")
        List<T> items,

        @Schema(
                description = "Opaque cursor of the next page; null on the last page",
                nullable = true,
                example = CURSOR_EXAMPLE)
        String nextCursor) {

    /** What a cursor looks like, for the documentation. */
    public static final String CURSOR_EXAMPLE =
            "djEfLXB1Ymxpc2hlZEF0OjFhYThiMWUwHzIwMjEtMDQtMDFUMTY6MDA6MDBaHzAxYTIwYTAw";

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }

    /**
     * Builds a page from a query that fetched one row more than the limit: that extra row only proves that a next
     * page exists, and the cursor points after the last row shown.
     */
    public static <T> Page<T> fromLookahead(List<T> rows, int limit, Function<T, String> cursorAfter) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorAfter.apply(items.get(limit - 1)));
    }
}
