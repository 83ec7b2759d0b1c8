package cn.fucai.cms.common.json;

import cn.fucai.cms.common.error.InvalidInputException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Exact decimals as clients send them, in JSON strings and CSV cells alike: digits written out, at most 20 before the
 * point and 10 after, no exponent. Anything else is refused before a BigDecimal exists, so that no arithmetic on it can
 * take a gigabyte or minutes ({@code 1e-999999999}).
 */
public final class DecimalText {

    /** What a client must send, for messages. */
    public static final String EXPECTED =
            "a decimal written out in digits such as \"743.9\" (at most 20 digits before the point "
                    + "and 10 after, no exponent)";

    private static final Pattern PLAIN = Pattern.compile("-?\\d{1,20}(\\.\\d{1,10})?");

    private DecimalText() {}

    /** The decimal, or null when the text is not one this service takes. */
    public static BigDecimal parse(String text) {
        return text != null && PLAIN.matcher(text).matches() ? new BigDecimal(text) : null;
    }

    /** The problem with a text that is not a decimal, quoting at most its first 40 characters. */
    public static String problem(String text) {
        return "must be " + EXPECTED + "; was " + InvalidInputException.quoted(text);
    }
}
