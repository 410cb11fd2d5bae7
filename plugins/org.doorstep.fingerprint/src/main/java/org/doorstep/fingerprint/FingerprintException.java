package org.doorstep.fingerprint;

import java.util.Arrays;
import java.util.Locale;

/**
 * A fingerprint operation refused or failed, with a sentence for the officer. The message is a key of the
 * module's messages and its arguments, so the screen shows it in the officer's language ({@link #message})
 * while logs get English ({@link #getMessage}). Arguments are kept as text (numbers too, so a port is never
 * shown as "4,501"), except finger positions and nested exceptions, which are shown in the reader's language.
 * Whatever failed changed nothing.
 */
public class FingerprintException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String key;
    /** Strings, finger positions and nested exceptions: the last two are shown in the reader's language. */
    private final Object[] args;

    public FingerprintException(String key, Object... args) {
        this(null, key, args);
    }

    public FingerprintException(Throwable cause, String key, Object... args) {
        super(key, cause);
        this.key = key;
        this.args = Arrays.stream(args)
                .map(a -> a instanceof FingerPosition || a instanceof FingerprintException ? a : oneLine(a)).toArray();
        message(Locale.ROOT); // a missing key fails here, in tests, not when an officer sees the error
    }

    public String key() {
        return key;
    }

    public final String message(Locale locale) {
        Object[] shown = Arrays.stream(args)
                .map(a -> a instanceof FingerPosition p ? FingerprintMessages.position(locale, p)
                        : a instanceof FingerprintException e ? e.message(locale) : a)
                .toArray();
        return FingerprintMessages.text(locale, key, shown);
    }

    @Override
    public String getMessage() {
        return message(Locale.ENGLISH);
    }

    private static String oneLine(Object o) {
        String s = String.valueOf(o).replaceAll("\\s+", " ").strip();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
