package org.doorstep.ui.internal.parts;

import org.doorstep.ui.Sections;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Brings a work area to the front; used by the navigation buttons and the keyboard command alike. */
public final class SectionNavigator {

    private SectionNavigator() {
    }

    public static void show(EPartService partService, Sections section) {
        MPart part = partService.findPart(section.partId());
        if (part == null) {
            throw new IllegalStateException("the application model has no part " + section.partId());
        }
        partService.showPart(part, PartState.ACTIVATE);
    }
}
