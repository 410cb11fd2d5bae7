package org.doorstep.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A closed set of values that files spell in kebab case ({@code aged-60-plus}), such as visit and urgent
 * reasons. The id is derived from the constant's name, so Java and JSON cannot drift apart.
 */
public interface Vocabulary {

    /** The constant's name, e.g. {@code AGED_60_PLUS}; enums provide it. */
    String name();

    /** How files spell the value: the name in lower case with hyphens, e.g. {@code aged-60-plus}. */
    default String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value spelled {@code id}, if there is one. */
    static <E extends Enum<E> & Vocabulary> Optional<E> byId(Class<E> type, String id) {
        for (E e : type.getEnumConstants()) {
            if (e.id().equals(id)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Every id of {@code type}, in declaration order (for messages listing what is allowed). */
    static <E extends Enum<E> & Vocabulary> List<String> ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Vocabulary::id).toList();
    }
}
