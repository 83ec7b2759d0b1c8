package cn.fucai.cms.common.http;

import cn.fucai.cms.common.error.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An enum spelled on the wire otherwise than its constants: 万元, -publishedAt, rotate-secret. The OpenAPI document
 * lists the wire names and gives client generators the constant names ({@code x-enum-varnames}) and a description
 * of each in Chinese and English ({@code x-enum-descriptions}); see {@link WireEnumNames}.
 */
public interface WireEnum {

    String wireName();

    /** What the value means, in Chinese and in English. */
    String description();

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
                                + "; was '" + value + "'"));
    }
}
