package org.doorstep.field;

import java.util.Locale;
import java.util.function.Function;

/**
 * An officer's action that was refused: a damaged file, a deadline too late, a signature with no ink. Nothing was
 * changed in the vault; {@link #text(Locale)} says why in plain words.
 */
public final class FieldException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Function<Locale, String> text;

    FieldException(Function<Locale, String> text) {
        super(text.apply(Locale.ENGLISH));
        this.text = text;
    }

    FieldException(Function<Locale, String> text, Throwable cause) {
        super(text.apply(Locale.ENGLISH), cause);
        this.text = text;
    }

    /** A refusal in this module's own words ({@code messages.properties}). */
    static FieldException of(String key, Object... args) {
        return new FieldException(locale -> FieldMessages.of(locale).text(key, args));
    }

    /** Why the action was refused, in {@code locale}'s language (Chinese unless English is asked for). */
    public String text(Locale locale) {
        return text.apply(locale);
    }
}
