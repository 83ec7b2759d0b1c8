package cn.fucai.cms.region;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.validation.Patterns;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** A GB/T 2260 administrative division: reference data loaded by migration, read-only through the API. */
public record Region(
        String code, String name, RegionLevel level, String parentCode, Instant createdAt, Instant updatedAt) {

    /** The code of the country, the root of the tree. */
    public static final String COUNTRY = "000000";

    /** {@link Patterns#REGION_CODE}, compiled once: a region filter is checked on every request that names one. */
    private static final Pattern WELL_FORMED = Pattern.compile(Patterns.REGION_CODE);

    static final String COLUMNS = "code, name, level, parent_code, created_at, updated_at";

    /** A row of {@link #COLUMNS}. */
    static final RowMapper<Region> ROW = ConstructorMapper.of(Region.class);

    /** The code itself when it is six digits; otherwise a 400 naming {@code field}. */
    public static String requireWellFormed(String code, String field) {
        if (code == null || !WELL_FORMED.matcher(code).matches()) {
            throw new InvalidInputException(
                    field,
                    "must be a six-digit GB/T 2260 code such as 330300; was " + InvalidInputException.quoted(code));
        }
        return code;
    }
}
