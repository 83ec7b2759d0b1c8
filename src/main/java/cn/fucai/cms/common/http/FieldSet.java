package cn.fucai.cms.common.http;

import cn.fucai.cms.common.error.InvalidInputException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A sparse fieldset, {@code fields=id,title,publishedAt}: the properties a caller wants of each item of a page (of
 * each changed article of a sync page), or of the one resource. Parsed at the edge ({@link TypedParameters}); checked
 * against the representation by {@link #of}; applied to the body by {@link SparseFields}.
 */
@Schema(type = SchemaType.STRING, description = "Comma-separated property names", example = "id,title,publishedAt")
public record FieldSet(List<String> names) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");
    private static final int MAX_NAMES = 40;

    public FieldSet {
        names = List.copyOf(names);
    }

    /** {@code id,title}: names separated by commas, each once; blank means no selection. */
    static FieldSet parse(String parameter, String value) {
        if (value.isBlank()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : value.split(",", -1)) {
            String trimmed = name.trim();
            if (!NAME.matcher(trimmed).matches()) {
                throw new InvalidInputException(
                        parameter, "must be property names separated by commas, like id,title,publishedAt");
            }
            names.add(trimmed);
        }
        if (names.size() > MAX_NAMES) {
            throw new InvalidInputException(parameter, "names at most " + MAX_NAMES + " properties");
        }
        return new FieldSet(List.copyOf(names));
    }

    /** This selection, checked against the properties of {@code representation}: an unknown one is a 400. */
    public FieldSet of(Class<? extends Record> representation) {
        Set<String> known = Arrays.stream(representation.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String name : names) {
            if (!known.contains(name)) {
                throw new InvalidInputException(
                        "fields", "has no property '" + name + "'; choose from " + String.join(", ", known));
            }
        }
        return this;
    }

    /** A short, stable token of the selection, for entity tags. */
    public String tag() {
        return "f" + Hashes.sha256Hex(String.join(",", names)).substring(0, 12);
    }
}
