package org.doorstep.ui.internal.vault;

import java.util.Locale;

import org.doorstep.core.status.DeviceStatusService;
import org.doorstep.core.status.Subscription;
import org.doorstep.core.vault.VaultAccess;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
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

    @jakarta.annotation.PostConstruct
    void register() {
        context.set(LockScreenAddon.class, this);
    }

    private Locale locale;
    private LockScreen lockScreen;
    private Subscription subscription;

    /** At creation and whenever the language switch changes the application's locale. */
    @Inject
    void translate(@Optional @Named(TranslationService.LOCALE) Object newLocale, LocalizedTexts texts) {
        if (newLocale == null) {
            return; // being uninjected
        }
        ShellMessages newMessages = texts.of(ShellMessages.class, LocalizedTexts.toLocale(newLocale));
        messages = newMessages;
        locale = LocalizedTexts.toLocale(newLocale);
        Locale l = locale;
        ui.asyncExec(() -> {
            if (lockScreen != null) {
                lockScreen.translate(newMessages, l);
            }
        });
    }

    @Inject
    @Optional
    void windowCreated(@UIEventTopic(UIEvents.UIElement.TOPIC_WIDGET) Event event) {
        Object element = event.getProperty(UIEvents.EventTags.ELEMENT);
        Object widget = event.getProperty(UIEvents.EventTags.NEW_VALUE);
        if (element instanceof MWindow window && MAIN_WINDOW.equals(window.getElementId())
                && widget instanceof Shell shell) {
            attach(shell);
        }
    }

    /**
     * Puts the lock screen over {@code shell} once. Called when the main window's shell is created and again by
     * {@link LockScreenAnchor} when the status trim is rendered, so the lock screen does not depend on the event
     * admin alone.
     */
    public void attach(Shell shell) {
        if (lockScreen != null || shell.isDisposed()) {
            return;
        }
        lockScreen = new LockScreen(shell, vaults, messages, locale);
        context.set(LockScreen.class, lockScreen);
        lockScreen.show(device.current());
        subscription = device.subscribe(status -> ui.asyncExec(() -> {
            if (!shell.isDisposed()) {
                lockScreen.show(status);
            }
        }));
        // the parts are rendered after the shell: hide whatever appeared meanwhile
        shell.getDisplay().asyncExec(() -> {
            if (!shell.isDisposed()) {
                lockScreen.recover();
            }
        });
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
        context.remove(LockScreenAddon.class);
    }
}
