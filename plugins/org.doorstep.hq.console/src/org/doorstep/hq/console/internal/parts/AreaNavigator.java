package org.doorstep.hq.console.internal.parts;

import org.doorstep.hq.console.Area;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Brings a work area to the front: the navigation's buttons, the Ctrl+1..8 keys and the board's "details". */
public final class AreaNavigator {

    private AreaNavigator() {
    }

    public static void show(EPartService parts, Area area) {
        MPart part = parts.findPart(area.partId());
        if (part == null) {
            throw new IllegalStateException("the application model has no part " + area.partId());
        }
        parts.showPart(part, PartState.ACTIVATE);
    }
}
