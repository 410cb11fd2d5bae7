package org.doorstep.photo;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.doorstep.photo.internal.Messages;

/**
 * A sentence for the officer, kept as a message key and its arguments so it can be shown in Chinese or English
 * (and stored without a language). Texts live in {@code org/doorstep/photo/messages*.properties}.
 */
public record Reason(String key, List<Object> args) {

    public Reason {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    public static Reason of(String key, Object... args) {
        return new Reason(key, List.of(args));
    }

    /** The sentence in {@code locale} (Simplified Chinese unless English is asked for). */
    public String text(Locale locale) {
        return Messages.format(locale, key, args.toArray());
    }

    @Override
    public String toString() {
        return text(Locale.ENGLISH);
    }
}
