package org.doorstep.photo.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Looks up the module's texts: Simplified Chinese by default, English for an English locale. */
public final class Messages {

    private static final String BUNDLE = "org.doorstep.photo.messages";

    // Without this control, asking for zh_CN on a machine whose default locale is English would fall back to the
    // default locale and show English; the base file (Chinese) must be the fallback instead.
    private static final ResourceBundle.Control NO_DEFAULT_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, Messages.class.getClassLoader(), NO_DEFAULT_FALLBACK);
    }

    public static String format(Locale locale, String key, Object... args) {
        ResourceBundle bundle = bundle(locale);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key; // a missing text must not hide the check's outcome; the bundle test catches it
        }
        // always through MessageFormat, so quoting ('') means the same in every text
        return new MessageFormat(pattern, bundle.getLocale()).format(args);
    }
}
