package cn.fucai.cms.common.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

/**
 * Gives every {@link WireEnum} its wire names in the OpenAPI document, and client generators their names for them.
 * Generators name enum constants after the values: {@code 万元} loses its Chinese and becomes {@code u2}, or nothing
 * at all in TypeScript. So a schema named after a wire enum lists its wire names, and every enum schema whose values
 * are a wire enum's (a String field documented with them) carries {@code x-enum-descriptions} and, where a value is
 * not an identifier, {@code x-enum-varnames} (the Java constant names). Runs when the document is built, with the
 * application's index to find the enums; OpenApiDocumentTest fails on an enum whose values are not identifiers and
 * that has no names.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class WireEnumNames implements OASFilter {

    private record Names(List<String> wireNames, List<String> constants, List<String> descriptions) {

        static Names of(Class<?> type) {
            List<String> wire = new ArrayList<>();
            List<String> constants = new ArrayList<>();
            List<String> descriptions = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                wire.add(((WireEnum) constant).wireName());
                constants.add(((Enum<?>) constant).name());
                descriptions.add(((WireEnum) constant).description());
            }
            return new Names(wire, constants, descriptions);
        }

        /** The names in the order the schema lists its values. */
        void describe(Schema schema) {
            List<String> varnames = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (Object value : schema.getEnumeration()) {
                int i = wireNames.indexOf(String.valueOf(value));
                varnames.add(constants.get(i));
                texts.add(descriptions.get(i));
            }
            // values that are identifiers already name themselves in every generator
            if (!schema.getEnumeration().stream()
                    .allMatch(value -> IDENTIFIER.matcher(value.toString()).matches())) {
                schema.addExtension("x-enum-varnames", varnames);
            }
            schema.addExtension("x-enum-descriptions", texts);
        }
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, Names> bySimpleName = new HashMap<>();
    private final Map<Set<String>, Names> byValues = new HashMap<>();

    public WireEnumNames(IndexView index) {
        for (ClassInfo type : index.getAllKnownImplementors(DotName.createSimple(WireEnum.class))) {
            if (!type.isEnum()) {
                continue;
            }
            Names names = Names.of(load(type.name().toString()));
            bySimpleName.put(type.simpleName(), names);
            byValues.put(new HashSet<>(names.wireNames()), names);
        }
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        openAPI.getComponents().getSchemas().forEach((name, schema) -> {
            Names names = bySimpleName.get(name);
            if (names != null && schema.getEnumeration() != null) {
                schema.setEnumeration(new ArrayList<>(names.wireNames()));
            }
            name(schema);
        });
    }

    private void name(Schema schema) {
        if (schema.getEnumeration() != null) {
            Set<String> values = new HashSet<>();
            schema.getEnumeration().forEach(value -> values.add(String.valueOf(value)));
            Names names = byValues.get(values);
            if (names != null) {
                names.describe(schema);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(this::name);
        }
        if (schema.getItems() != null) {
            name(schema.getItems());
        }
        Stream.of(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())
                .filter(Objects::nonNull)
                .flatMap(List::stream)
                .forEach(this::name);
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, true, WireEnumNames.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the index lists " + className + ", which does not load", e);
        }
    }
}
