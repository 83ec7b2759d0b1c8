package cn.fucai.cms.account;

import cn.fucai.cms.common.error.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a password must be: at least {@value #MIN_LENGTH} characters (Chinese characters count one each), at most
 * {@value #MAX_LENGTH}, not made of one character, not containing the login name, and not on the list of common
 * passwords shipped with the service ({@code passwords/common.txt}). Never logged, never in an answer.
 */
@ApplicationScoped
class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;

    private final Set<String> common = load();

    /** Refuses a password that breaks the policy, naming {@code field} and the rule, never the password. */
    void check(String field, String password, String login) {
        String normal = normal(password);
        int length = normal.codePointCount(0, normal.length());
        if (length < MIN_LENGTH) {
            throw new InvalidInputException(field, "must have at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidInputException(field, "must have at most " + MAX_LENGTH + " characters");
        }
        if (normal.codePoints().distinct().count() == 1) {
            throw new InvalidInputException(field, "must not repeat one character");
        }
        if (login != null && !login.isBlank() && normal.contains(normal(login))) {
            throw new InvalidInputException(field, "must not contain the login name");
        }
        if (common.contains(normal)) {
            throw new InvalidInputException(field, "is on the list of common passwords; choose another");
        }
    }

    private static String normal(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/passwords/common.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(PasswordPolicy::normal)
                    .forEach(passwords::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(passwords);
    }
}
