package org.doorstep.capture;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The officer-facing words of this bundle: {@code messages.properties} is Simplified Chinese (the product's
 * default language), {@code messages_en.properties} English. Both are UTF-8.
 */
public final class CaptureMessages {

    private static final String BUNDLE = "org.doorstep.capture.messages";

    private CaptureMessages() {
    }

    /** The message for {@code key} in {@code locale}, with {@code args} filled in ({@link MessageFormat}). */
    public static String format(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, CaptureMessages.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        try {
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no text for '" + key + "' in " + locale, e);
        }
    }
}
