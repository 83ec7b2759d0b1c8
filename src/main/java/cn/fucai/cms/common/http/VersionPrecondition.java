package cn.fucai.cms.common.http;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An {@code If-Match} header read as the resource versions the client expects. Our strong ETags start with the
 * resource's version number ({@code "7"}, {@code "7.2-en"}), so any representation of the current version matches.
 */
@Schema(type = SchemaType.STRING, description = "Entity tags, as If-Match sends them")
public record VersionPrecondition(boolean any, List<Long> versions) {

    public static final VersionPrecondition NONE = new VersionPrecondition(true, List.of());

    public static VersionPrecondition fromIfMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return NONE;
        }
        List<Long> versions = new ArrayList<>();
        for (String tag : header.split(",")) {
            String value = tag.trim();
            if (value.startsWith("W/")) {
                continue; // If-Match uses strong comparison: a weak tag never matches
            }
            value = value.replace("\"", "");
            int end = 0;
            while (end < value.length() && Character.isDigit(value.charAt(end))) {
                end++;
            }
            if (end > 0 && end <= 18) {
                versions.add(Long.parseLong(value.substring(0, end)));
            }
        }
        return new VersionPrecondition(false, List.copyOf(versions));
    }

    public boolean matches(long currentVersion) {
        return any || versions.contains(currentVersion);
    }
}
