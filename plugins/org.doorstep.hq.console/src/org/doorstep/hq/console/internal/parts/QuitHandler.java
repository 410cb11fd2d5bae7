package org.doorstep.hq.console.internal.parts;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.IWorkbench;

/** Ctrl+Q: closes the console (the board monitor and the store connection close with it). */
public class QuitHandler {

    @Execute
    public void execute(IWorkbench workbench) {
        workbench.close();
    }
}
