package org.doorstep.field;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * This module's sentences ({@code org/doorstep/field/messages.properties}, Chinese, and {@code messages_en}), for
 * what the domain and the capture engines do not already say. Looked up without falling back to the JVM's locale.
 */
public final class FieldMessages {

    private static final String BUNDLE = "org.doorstep.field.messages";

    private final Locale locale;
    private final ResourceBundle bundle;

    private FieldMessages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, FieldMessages.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Chinese unless {@code locale} is English. */
    public static FieldMessages of(Locale locale) {
        return new FieldMessages("en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.ROOT);
    }

    public String text(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public Locale locale() {
        return locale;
    }
}
