package org.doorstep.ui.internal.handlers;

import org.doorstep.ui.Sections;
import org.doorstep.ui.internal.parts.SectionNavigator;
import org.doorstep.core.status.DeviceState;
import org.doorstep.core.status.DeviceStatusService;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

import jakarta.inject.Named;

/** Handles the "show section" command behind Ctrl+1..3. */
public class ShowSectionHandler {

    /** Behind the lock screen the work areas are hidden; switching between them there would be pointless. */
    @CanExecute
    public boolean canExecute(DeviceStatusService device) {
        return device.current().state() == DeviceState.UNLOCKED;
    }

    @Execute
    public void execute(@Named(Sections.COMMAND_PARAMETER) String section, EPartService partService) {
        SectionNavigator.show(partService, Sections.valueOf(section));
    }
}
