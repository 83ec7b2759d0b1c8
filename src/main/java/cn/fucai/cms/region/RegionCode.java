package cn.fucai.cms.region;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A GB/T 2260 code as a parameter, checked at the edge by {@link RegionParameters}: six digits, and in a filter the
 * code of a region that exists.
 */
@Schema(type = SchemaType.STRING, pattern = "^[0-9]{6}$", example = "330300")
public record RegionCode(String value) {

    /** The code, or null for no code. */
    public static String valueOf(RegionCode code) {
        return code == null ? null : code.value();
    }
}
