package org.doorstep.hq.console.internal.parts;

import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.console.Area;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

import jakarta.inject.Named;

/** Handles the "show area" command behind Ctrl+1..8. */
public class ShowAreaHandler {

    /** Behind the sign-in screen the work areas are hidden; switching between them there would be pointless. */
    @CanExecute
    public boolean canExecute(@Optional AdminSession session) {
        return session != null;
    }

    @Execute
    public void execute(@Named(Area.COMMAND_PARAMETER) String area, EPartService parts) {
        AreaNavigator.show(parts, Area.valueOf(area));
    }
}
