package org.doorstep.ui.internal.vault;

import java.util.Locale;

import org.doorstep.core.status.DeviceStatusService;
import org.doorstep.core.status.Subscription;
import org.doorstep.core.vault.VaultAccess;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.event.Event;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Puts the {@link LockScreen} over the main window as soon as its shell exists, before any part is shown, and
 * keeps it in step with the vault's state (published as the device status). The lock screen is placed in the
 * application context so that the navigation can open the officer enrolment screen.
 */
public class LockScreenAddon {

    /** Element id of the main window in {@code Application.e4xmi}. */
    public static final String MAIN_WINDOW = "org.doorstep.ui.window.main";

    @Inject
    private VaultAccess vaults;

    @Inject
    private DeviceStatusService device;

    @Inject
    private UISynchronize ui;

    @Inject
    private IEclipseContext context;

    private ShellMessages messages;
    private Locale locale;
    private LockScreen lockScreen;
    private Subscription subscription;

    @Inject
    void translate(@Translation ShellMessages newMessages, @Named(TranslationService.LOCALE) Locale newLocale) {
        messages = newMessages;
        locale = newLocale;
        if (lockScreen != null) {
            lockScreen.translate(newMessages, newLocale);
        }
    }

    @Inject
    @Optional
    void windowCreated(@UIEventTopic(UIEvents.UIElement.TOPIC_WIDGET) Event event) {
        Object element = event.getProperty(UIEvents.EventTags.ELEMENT);
        Object widget = event.getProperty(UIEvents.EventTags.NEW_VALUE);
        if (lockScreen == null && element instanceof MWindow window && MAIN_WINDOW.equals(window.getElementId())
                && widget instanceof Shell shell) {
            lockScreen = new LockScreen(shell, vaults, messages, locale);
            context.set(LockScreen.class, lockScreen);
            lockScreen.show(device.current());
            subscription = device.subscribe(status -> ui.asyncExec(() -> {
                if (!shell.isDisposed()) {
                    lockScreen.show(status);
                }
            }));
        }
    }

    @Inject
    @Optional
    void started(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event) {
        if (lockScreen != null) {
            lockScreen.recover();
        }
    }

    @PreDestroy
    void dispose() {
        if (subscription != null) {
            subscription.close();
        }
        context.remove(LockScreen.class);
    }
}
