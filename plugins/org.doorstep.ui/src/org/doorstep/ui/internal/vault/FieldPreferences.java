package org.doorstep.ui.internal.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.doorstep.core.vault.VaultAccess;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Creatable;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.nls.ILocaleChangeService;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.css.swt.theme.ITheme;
import org.eclipse.e4.ui.css.swt.theme.IThemeEngine;

import jakarta.inject.Inject;

/**
 * The officer's display choices: the language (switched at once through e4's locale change service and written to
 * {@code <data>/ui-language}, which the start scripts read as the {@code -nl} of the next start unless
 * {@code --lang} says otherwise) and the high-contrast theme (the e4 theme engine switches it at once and keeps the
 * choice in the workspace preferences for the next start). Also "lock now".
 */
@Creatable
public class FieldPreferences {

    /** Theme ids, as registered in {@code plugin.xml}. */
    public static final String DEFAULT_THEME = "org.doorstep.ui.theme.default";
    public static final String HIGH_CONTRAST_THEME = "org.doorstep.ui.theme.highContrast";
    /** The file in the data folder holding the language chosen in the product ({@code zh_CN} or {@code en}). */
    public static final String LANGUAGE_FILE = "ui-language";

    private static final System.Logger LOG = System.getLogger(FieldPreferences.class.getName());

    @Inject
    private VaultAccess vaults;

    @Inject
    private IEclipseContext context;

    @Inject
    private ILocaleChangeService localeChange;

    @Inject
    @Optional
    private IThemeEngine themes;

    public Locale language() {
        Object locale = context.get(TranslationService.LOCALE);
        if (locale instanceof Locale l) {
            return l;
        }
        return locale == null ? Locale.SIMPLIFIED_CHINESE : Locale.forLanguageTag(locale.toString().replace('_', '-'));
    }

    /** Switches every label of the application model and every part that listens, and remembers the choice. */
    public void switchLanguage(Locale locale) {
        localeChange.changeApplicationLocale(locale);
        String tag = locale.getLanguage().equals("en") ? "en" : "zh_CN";
        Path file = vaults.dataDir().resolve(LANGUAGE_FILE);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(LANGUAGE_FILE + ".tmp");
            Files.writeString(temp, tag, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the switch worked for this session; only the next start falls back to the default
            LOG.log(System.Logger.Level.WARNING, "the language choice could not be saved in " + file + ": " + e);
        }
    }

    public boolean highContrast() {
        ITheme active = themes == null ? null : themes.getActiveTheme();
        return active != null && HIGH_CONTRAST_THEME.equals(active.getId());
    }

    /** Switches the theme at once; the theme engine keeps the choice for the next start. */
    public void setHighContrast(boolean on) {
        if (themes != null) {
            themes.setTheme(on ? HIGH_CONTRAST_THEME : DEFAULT_THEME, true);
        }
    }

    /** Locks the vault now, off the UI thread (the database shuts down); the lock screen follows the state. */
    public void lockNow() {
        vaults.vault().ifPresent(v -> {
            Thread t = new Thread(v::lock, "doorstep-lock-now");
            t.setDaemon(true);
            t.start();
        });
    }
}
