package org.doorstep.domain;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing wrong with one field: where ({@code path}, JSON-path style such as
 * {@code $.applications[1].endorsements[0].id}), what ({@code code}) and the details the message shows
 * ({@code args}: texts, numbers, dates, {@link LocalizedText}s or {@link Vocabulary} values, which are shown
 * by their labels). {@link Messages} turns it into a sentence
 * in Chinese or English that names the field.
 */
public record Problem(String path, ProblemCode code, List<Object> args) {

    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(code, "code");
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("a problem's path starts with $: " + path);
        }
        args = List.copyOf(args);
        for (Object a : args) {
            if (!(a instanceof String || a instanceof Number || a instanceof LocalDate || a instanceof LocalizedText
                    || a instanceof Vocabulary)) {
                throw new IllegalArgumentException("unsupported message argument " + a.getClass().getName());
            }
        }
        if (args.size() != code.arguments()) {
            throw new IllegalArgumentException(code + " takes " + code.arguments() + " arguments, not " + args.size());
        }
    }

    public static Problem of(String path, ProblemCode code, Object... args) {
        return new Problem(path, code, Arrays.asList(args));
    }

    /** The same problem found inside a value that lives at {@code base}: {@code $.x} becomes {@code base.x}. */
    public Problem at(String base) {
        return new Problem(base + path.substring(1), code, args);
    }

    /** The sentence for {@code locale} (Chinese unless the locale is English). */
    public String message(Locale locale) {
        return Messages.of(locale).format(this);
    }

    /** Path and code only: safe for logs, since arguments may hold applicant data. */
    @Override
    public String toString() {
        return path + ": " + code.key();
    }
}
