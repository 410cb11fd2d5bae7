package org.doorstep.ui.internal.parts;

import java.util.EnumMap;
import java.util.Map;

import org.doorstep.ui.Sections;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.Messages;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.e4.ui.di.UIEventTopic;
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
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The left-hand navigation: one large button per work area, reachable with Tab and Space/Enter, and
 * with Ctrl+1..3 from anywhere (key bindings in the application model). The button of the work area on
 * top stays pressed.
 */
public class NavigationPart {

    /** Touch targets: at least 9 mm high on a 96 dpi screen. */
    private static final int BUTTON_HEIGHT = 64;

    private final Map<Sections, Button> buttons = new EnumMap<>(Sections.class);

    @Inject
    private EPartService partService;

    @Inject
    private EModelService modelService;

    @PostConstruct
    public void createControls(Composite parent, @Translation Messages messages, MPart self) {
        Widgets.id(parent, WidgetIds.NAVIGATION);
        GridLayoutFactory.fillDefaults().margins(12, 12).spacing(0, 10).applyTo(parent);
        for (Sections section : Sections.values()) {
            Button button = Widgets.cssClass(Widgets.id(new Button(parent, SWT.TOGGLE), section.navigationWidgetId()),
                    "navigation");
            button.setText(label(messages, section));
            button.addListener(SWT.Selection, e -> SectionNavigator.show(partService, section));
            GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, BUTTON_HEIGHT).applyTo(button);
            buttons.put(section, button);
        }
        MUIElement selected = workStackSelection(self);
        markSelected(selected instanceof MPart part ? part.getElementId() : Sections.VISITS.partId());
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

    private static String label(Messages messages, Sections section) {
        return switch (section) {
            case VISITS -> messages.nav_visits;
            case GROUP_SESSIONS -> messages.nav_groupSessions;
            case SYNC -> messages.nav_sync;
        };
    }
}
