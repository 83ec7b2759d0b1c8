package cn.fucai.cms.common.http;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.time.DateRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/** Parses path and query parameters into typed values, or fails with a 400 that names the parameter. */
public final class QueryParams {

    private QueryParams() {}

    /** The enum constant spelled {@code value}; null stays null. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            String allowed =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw new InvalidInputException(
                    name, "must be one of " + allowed + "; was " + InvalidInputException.quoted(value));
        }
    }

    /** Plain dates in filters are days in China Standard Time, where the content is published. */
    public static final ZoneId CONTENT_ZONE = ZoneId.of("Asia/Shanghai");

    /** Inclusive lower bound: an RFC 3339 timestamp, or the start of a plain date's day; null stays null. */
    public static Instant startOfDay(String name, String value) {
        if (value == null) {
            return null;
        }
        return isDate(value)
                ? dateOrTime(name, value).atStartOfDay(CONTENT_ZONE).toInstant()
                : timestamp(name, value);
    }

    /** Exclusive upper bound for an inclusive filter: just after the timestamp, or the start of the next day. */
    public static Instant endOfDay(String name, String value) {
        if (value == null) {
            return null;
        }
        return isDate(value)
                ? dateOrTime(name, value).plusDays(1).atStartOfDay(CONTENT_ZONE).toInstant()
                : timestamp(name, value).plusNanos(1000);
    }

    /** A date such as 2019-12-31 in the years the service takes ({@link DateRange}); anything else is a 400 naming it. */
    public static LocalDate date(String name, String value) {
        try {
            return inRange(name, LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    name, "must be a date such as 2019-12-31; was " + InvalidInputException.quoted(value));
        }
    }

    private static LocalDate dateOrTime(String name, String value) {
        try {
            return inRange(name, LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw badTime(name, value);
        }
    }

    private static Instant timestamp(String name, String value) {
        try {
            Instant instant = OffsetDateTime.parse(value).toInstant();
            inRange(name, LocalDate.ofInstant(instant, ZoneOffset.UTC));
            return instant;
        } catch (DateTimeParseException e) {
            throw badTime(name, value);
        }
    }

    private static LocalDate inRange(String name, LocalDate date) {
        String problem = DateRange.problem(date);
        if (problem != null) {
            throw new InvalidInputException(name, problem);
        }
        return date;
    }

    private static boolean isDate(String value) {
        return value.length() == 10;
    }

    private static InvalidInputException badTime(String name, String value) {
        return new InvalidInputException(
                name,
                "must be an RFC 3339 timestamp such as 2021-04-02T00:00:00+08:00 or a date such as 2021-04-02; was '"
                        + value + "'");
    }

    /** A well-formed BCP 47 tag with a language ("zh-cn" reads as zh-CN); anything else is a 400 naming it. */
    public static Locale languageTag(String name, String value) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(value.strip()).build();
            if (!locale.getLanguage().isEmpty()) {
                return locale;
            }
        } catch (IllformedLocaleException e) {
            // reported below
        }
        throw new InvalidInputException(
                name, "must be a BCP 47 language tag such as zh-CN or en; was " + InvalidInputException.quoted(value));
    }

    /** true or false; anything else (yes, 1, perhaps) is a 400 rather than false. */
    public static Boolean bool(String name, String value) {
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.valueOf(value);
        }
        throw new InvalidInputException(name, "must be true or false; was " + InvalidInputException.quoted(value));
    }

    /** A UUID; anything else is a 400. */
    public static Integer integer(String name, String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a whole number; was " + InvalidInputException.quoted(value));
        }
    }

    public static Duration duration(String name, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidInputException(
                    name, "must be an ISO 8601 duration such as PT24H; was " + InvalidInputException.quoted(value));
        }
    }

    public static UUID uuid(String name, String value) {
        try {
            if (value != null && value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new InvalidInputException(
                name,
                "must be a UUID such as 0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11; was "
                        + InvalidInputException.quoted(value));
    }

    /** The UUID that {@code value} spells, or null when it is something else, such as a slug. */
    public static UUID uuidOrNull(String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
