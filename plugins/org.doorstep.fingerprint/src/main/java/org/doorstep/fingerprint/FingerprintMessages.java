package org.doorstep.fingerprint;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words this module shows people: finger names, quality advice, exception reasons, errors. Simplified
 * Chinese is the base bundle ({@code messages.properties}), English {@code messages_en.properties}. Lookups
 * never fall back to the JVM's default locale, so {@code zh_CN} gets Chinese even on an English system.
 */
public final class FingerprintMessages {

    private static final String BUNDLE = "org.doorstep.fingerprint.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private FingerprintMessages() {
    }

    public static String text(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, FingerprintMessages.class.getClassLoader(),
                NO_FALLBACK);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("message " + key + " is missing from " + BUNDLE, e);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public static String position(Locale locale, FingerPosition position) {
        return text(locale, "position." + position.name());
    }

    public static String source(Locale locale, SourceKind kind) {
        return text(locale, "source." + kind.name());
    }

    /**
     * What the capture screen must show beside a capture: for the simulator a warning that it is not a real
     * finger, otherwise the kind of source.
     */
    public static String captureLabel(Locale locale, FingerCapture capture) {
        return capture.simulated() ? text(locale, "simulated.banner") : source(locale, capture.source());
    }
}
