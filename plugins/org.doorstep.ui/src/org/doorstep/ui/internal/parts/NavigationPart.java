package org.doorstep.ui.internal.parts;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.doorstep.core.status.DeviceState;
import org.doorstep.core.status.DeviceStatusService;
import org.doorstep.core.status.Subscription;
import org.doorstep.ui.Sections;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.Messages;
import org.doorstep.ui.internal.vault.FieldPreferences;
import org.doorstep.ui.internal.vault.LocalizedTexts;
import org.doorstep.ui.internal.vault.LockScreen;
import org.doorstep.ui.internal.vault.ShellIds;
import org.doorstep.ui.internal.vault.ShellMessages;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The left-hand navigation: one large button per work area, reachable with Tab and Space/Enter, and
 * with Ctrl+1..3 from anywhere (key bindings in the application model). The button of the work area on
 * top stays pressed. Below them: enrol another officer, lock now, the language switch (zh_CN / English, at
 * once and remembered for the next start) and the high-contrast theme for sunlight (remembered by the theme
 * engine); all reachable with Tab.
 */
public class NavigationPart {

    /** Touch targets: at least 9 mm high on a 96 dpi screen. */
    private static final int BUTTON_HEIGHT = 64;

    private final Map<Sections, Button> buttons = new EnumMap<>(Sections.class);
    private Button enrol;
    private Button lock;
    private Button language;
    private Button highContrast;
    private Messages messages;
    private ShellMessages shellMessages;
    private Subscription deviceSubscription;

    @Inject
    private EPartService partService;

    @Inject
    private EModelService modelService;

    @Inject
    private IEclipseContext context;

    @Inject
    private FieldPreferences preferences;

    @Inject
    private UISynchronize uiSync;

    /** Called at creation and again whenever the language switch changes the application's locale. */
    @Inject
    void translate(@Optional @Named(TranslationService.LOCALE) Object locale, LocalizedTexts texts) {
        if (locale == null) {
            return; // being uninjected
        }
        Locale l = LocalizedTexts.toLocale(locale);
        messages = texts.of(Messages.class, l);
        shellMessages = texts.of(ShellMessages.class, l);
        uiSync.asyncExec(this::relabel);
    }

    @PostConstruct
    public void createControls(Composite parent, MPart self, DeviceStatusService device, UISynchronize ui) {
        Widgets.id(parent, WidgetIds.NAVIGATION);
        GridLayoutFactory.fillDefaults().margins(12, 12).spacing(0, 10).applyTo(parent);
        for (Sections section : Sections.values()) {
            Button button = Widgets.cssClass(Widgets.id(new Button(parent, SWT.TOGGLE), section.navigationWidgetId()),
                    "navigation");
            button.addListener(SWT.Selection, e -> SectionNavigator.show(partService, section));
            GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, BUTTON_HEIGHT).applyTo(button);
            buttons.put(section, button);
        }
        Label gap = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(gap);
        enrol = tool(parent, ShellIds.NAV_ENROL, SWT.PUSH);
        enrol.addListener(SWT.Selection, e -> {
            LockScreen lockScreen = context.get(LockScreen.class);
            if (lockScreen != null) {
                lockScreen.showEnrolment();
            }
        });
        lock = tool(parent, ShellIds.NAV_LOCK, SWT.PUSH);
        lock.addListener(SWT.Selection, e -> preferences.lockNow());
        language = tool(parent, ShellIds.NAV_LANGUAGE, SWT.PUSH);
        language.addListener(SWT.Selection, e -> preferences.switchLanguage(
                preferences.language().getLanguage().equals("en") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH));
        highContrast = tool(parent, ShellIds.NAV_HIGH_CONTRAST, SWT.CHECK);
        highContrast.setSelection(preferences.highContrast());
        highContrast.addListener(SWT.Selection, e -> preferences.setHighContrast(highContrast.getSelection()));
        relabel();
        MUIElement selected = workStackSelection(self);
        markSelected(selected instanceof MPart part ? part.getElementId() : Sections.VISITS.partId());
        deviceSubscription = device.subscribe(status -> ui.asyncExec(() -> {
            boolean unlocked = status.state() == DeviceState.UNLOCKED;
            for (Button b : new Button[] { enrol, lock }) {
                if (!b.isDisposed()) {
                    b.setEnabled(unlocked);
                }
            }
        }));
    }

    private static Button tool(Composite parent, String id, int style) {
        Button button = Widgets.id(new Button(parent, style), id);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 48).applyTo(button);
        return button;
    }

    private void relabel() {
        if (buttons.isEmpty() || messages == null || enrol.isDisposed()) {
            return;
        }
        buttons.forEach((section, button) -> {
            if (!button.isDisposed()) {
                button.setText(label(messages, section));
            }
        });
        enrol.setText(shellMessages.nav_enrol);
        lock.setText(shellMessages.nav_lock);
        language.setText(shellMessages.nav_language);
        highContrast.setText(shellMessages.nav_highContrast);
        enrol.getParent().layout(true, true);
    }

    /** Keeps the pressed button in step with the work area on top, however it got there. */
    @Inject
    @Optional
    void onSelectionChanged(@UIEventTopic(UIEvents.ElementContainer.TOPIC_SELECTEDELEMENT) Event event) {
        Object newValue = event.getProperty(UIEvents.EventTags.NEW_VALUE);
        if (newValue instanceof MPart part && !buttons.isEmpty()) {
            markSelected(part.getElementId());
        }
    }

    /**
     * The same through the context: showing a section activates its part. This does not depend on the event admin
     * (which, in a JVM that has run several workbenches, as the UI tests do, stopped delivering model events).
     */
    @Inject
    @Optional
    void onActivePart(@Named(IServiceConstants.ACTIVE_PART) MPart part) {
        if (part != null && !buttons.isEmpty()) {
            uiSync.asyncExec(() -> markSelected(part.getElementId()));
        }
    }

    private MUIElement workStackSelection(MPart self) {
        var stacks = modelService.findElements(modelService.getTopLevelWindowFor(self), "org.doorstep.ui.stack.work",
                org.eclipse.e4.ui.model.application.ui.basic.MPartStack.class);
        return stacks.isEmpty() ? null : stacks.get(0).getSelectedElement();
    }

    private void markSelected(String partId) {
        Sections.byPartId(partId).ifPresent(selected -> buttons.forEach((section, button) -> {
            if (!button.isDisposed()) {
                button.setSelection(section == selected);
            }
        }));
    }

    @PreDestroy
    public void dispose() {
        if (deviceSubscription != null) {
            deviceSubscription.close();
        }
    }

    private static String label(Messages messages, Sections section) {
        return switch (section) {
            case VISITS -> messages.nav_visits;
            case GROUP_SESSIONS -> messages.nav_groupSessions;
            case SYNC -> messages.nav_sync;
        };
    }
}
