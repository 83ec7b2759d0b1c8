package cn.fucai.cms.common.http;

import cn.fucai.cms.common.error.InvalidInputException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum spelled on the wire otherwise than its constants: 万元, -publishedAt, rotate-secret. The OpenAPI document
 * lists the wire names and gives client generators the constant names ({@code x-enum-varnames}) and a description
 * of each in Chinese and English ({@code x-enum-descriptions}); see {@link WireEnumNames}.
 */
public interface WireEnum {

    /** The constant's name, as every enum has it. */
    String name();

    /** How the value is spelled on the wire: by default the constant's name in kebab case (rotate-secret). */
    default String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The enum the constant belongs to, as every enum has it. */
    Class<?> getDeclaringClass();

    /** What the value means, in Chinese and in English: its {@link Description}. */
    default String description() {
        try {
            Description description = getDeclaringClass().getField(name()).getAnnotation(Description.class);
            return description == null ? null : description.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("an enum constant is a field of its enum", e);
        }
    }

    /** What a constant means, in Chinese and in English, written beside it: {@code @Description("创建 (created)")}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Description {
        String value();
    }

    /** The constant spelled {@code value} on the wire, or a 400 naming the parameter and listing the choices. */
    static <E extends Enum<E> & WireEnum> E named(Class<E> type, String parameter, String value) {
        E[] constants = type.getEnumConstants();
        return Arrays.stream(constants)
                .filter(constant -> constant.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        parameter,
                        "must be one of "
                                + Arrays.stream(constants)
                                        .map(WireEnum::wireName)
                                        .collect(Collectors.joining(", "))
                                + "; was " + InvalidInputException.quoted(value)));
    }
}
