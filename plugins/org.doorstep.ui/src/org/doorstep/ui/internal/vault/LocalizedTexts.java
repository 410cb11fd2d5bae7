package org.doorstep.ui.internal.vault;

import java.util.Locale;

import org.eclipse.e4.core.di.annotations.Creatable;
import org.eclipse.e4.core.services.nls.IMessageFactoryService;
import org.eclipse.e4.core.services.translation.ResourceBundleProvider;

import jakarta.inject.Inject;

/**
 * Message objects for an explicit locale. The parts that switch language at once take the application's locale
 * ({@code TranslationService.LOCALE}, which the language switch changes) by context injection and build their
 * messages here, rather than relying on {@code @Translation} re-injection, which did not follow a locale change
 * in this runtime (see docs/ARCHITECTURE.md).
 */
@Creatable
public class LocalizedTexts {

    @Inject
    private IMessageFactoryService factory;

    @Inject
    private ResourceBundleProvider bundles;

    public <M> M of(Class<M> type, Locale locale) {
        return factory.getMessageInstance(locale, type, bundles);
    }

    /** The context holds the locale as a {@code Locale} or, at start, as its string form ({@code zh_CN}). */
    public static Locale toLocale(Object value) {
        if (value instanceof Locale locale) {
            return locale;
        }
        if (value == null || value.toString().isBlank()) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        return Locale.forLanguageTag(value.toString().strip().replace('_', '-'));
    }
}
