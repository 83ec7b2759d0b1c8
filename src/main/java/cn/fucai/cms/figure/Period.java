package cn.fucai.cms.figure;

import cn.fucai.cms.common.error.Problem.FieldViolation;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A reporting period: calendar month, quarter or year, a year to date ("截至12月30日"), or any other window
 * (Dec 2016 – Nov 2017), with the label it is shown under.
 */
@Schema(
        name = "Period",
        description = "A reporting period: first and last day (both inclusive), its shape and its label")
public record Period(
        @Schema(example = "2019-01-01") LocalDate start,
        @Schema(example = "2019-12-30") LocalDate end,
        @Schema(example = "YEAR_TO_DATE") Granularity granularity,
        @Schema(example = "2019年（截至12月30日）") String label) {

    /** The label a period gets when none is given: 2019, 2019-Q4, 2019-12, or an ISO 8601 interval. */
    static String defaultLabel(LocalDate start, LocalDate end, Granularity granularity) {
        return switch (granularity) {
            case YEAR -> Integer.toString(start.getYear());
            case QUARTER -> start.getYear() + "-Q" + (start.getMonthValue() + 2) / 3;
            case MONTH -> YearMonth.from(start).toString();
            case YEAR_TO_DATE, CUSTOM -> start + "/" + end;
        };
    }

    /** What is wrong with a period whose dates do not have the shape its granularity claims; empty when it is right. */
    static List<FieldViolation> check(String field, LocalDate start, LocalDate end, Granularity granularity) {
        if (end.isBefore(start)) {
            return List.of(new FieldViolation(field + ".end", "must not be before start " + start));
        }
        String problem = switch (granularity) {
            case YEAR ->
                start.getDayOfYear() == 1 && end.equals(start.withDayOfYear(start.lengthOfYear()))
                        ? null
                        : "a YEAR runs from 1 January to 31 December of one year";
            case QUARTER ->
                start.getDayOfMonth() == 1
                                && (start.getMonthValue() - 1) % 3 == 0
                                && end.equals(start.plusMonths(3).minusDays(1))
                        ? null
                        : "a QUARTER runs from the first day of January, April, July or October to the last day of its third month";
            case MONTH ->
                start.getDayOfMonth() == 1 && end.equals(YearMonth.from(start).atEndOfMonth())
                        ? null
                        : "a MONTH runs from its first to its last day";
            case YEAR_TO_DATE ->
                start.getDayOfYear() == 1 && end.getYear() == start.getYear()
                        ? null
                        : "a YEAR_TO_DATE runs from 1 January to a day of the same year";
            case CUSTOM -> null;
        };
        return problem == null
                ? List.of()
                : List.of(new FieldViolation(field, problem + "; was " + start + " to " + end));
    }
}
