package org.doorstep.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * A text the catalogue gives in both languages of the product: Simplified Chinese (the default) and English.
 *
 * @param zh Simplified Chinese, never blank
 * @param en English, never blank
 */
public record LocalizedText(String zh, String en) {

    public LocalizedText {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
        if (zh.isBlank() || en.isBlank()) {
            throw new IllegalArgumentException("a localized text needs both a Chinese and an English text");
        }
    }

    /** English for an English locale, Chinese for every other (the product's default language). */
    public String in(Locale locale) {
        return isEnglish(locale) ? en : zh;
    }

    static boolean isEnglish(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
