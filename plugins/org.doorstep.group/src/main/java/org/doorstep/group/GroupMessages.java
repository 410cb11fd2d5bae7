package org.doorstep.group;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The group module's words: Chinese ({@code messages.properties}, the default) or English ({@code _en}), UTF-8.
 * The bundle is looked up without falling back to the JVM's locale, so a machine set to English still shows
 * Chinese when Chinese is asked for.
 */
public final class GroupMessages {

    private static final String BASE = "org.doorstep.group.messages";

    private final Locale locale;
    private final ResourceBundle bundle;

    private GroupMessages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BASE, locale, GroupMessages.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(List.of("java.properties")));
    }

    /** English for an English locale, Chinese for everything else. */
    public static GroupMessages of(Locale locale) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        return new GroupMessages(english ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
    }

    public Locale locale() {
        return locale;
    }

    public String text(String key, Object... args) {
        try {
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no message " + key, e);
        }
    }
}
