package org.doorstep.ui.tests;

import java.time.Duration;

import org.doorstep.testing.e4.E4TestWorkbench;
import org.doorstep.ui.WidgetIds;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.swt.widgets.Display;

/** The field product's real e4 workbench, for a test script: widgets by {@link WidgetIds}, the main window by its navigation. */
final class RunningWorkbench extends E4TestWorkbench {

    private RunningWorkbench(Display display, E4Workbench workbench) {
        super(display, workbench, WidgetIds.KEY, WidgetIds.NAVIGATION, Duration.ofSeconds(60));
    }

    interface Script extends E4TestWorkbench.Script<RunningWorkbench> {
    }

    static void run(Script script) throws Exception {
        E4TestWorkbench.run(RunningWorkbench::new, script);
    }
}
