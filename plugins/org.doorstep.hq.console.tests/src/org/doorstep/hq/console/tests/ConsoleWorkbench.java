package org.doorstep.hq.console.tests;

import java.time.Duration;

import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.testing.e4.E4TestWorkbench;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.swt.widgets.Display;

/** The HQ console's real e4 workbench, for a test script: widgets by {@link ConsoleIds}, the main window by its status line. */
final class ConsoleWorkbench extends E4TestWorkbench {

    private ConsoleWorkbench(Display display, E4Workbench workbench) {
        super(display, workbench, ConsoleIds.KEY, ConsoleIds.STATUS_LINE, Duration.ofSeconds(90));
    }

    interface Script extends E4TestWorkbench.Script<ConsoleWorkbench> {
    }

    static void run(Script script) throws Exception {
        E4TestWorkbench.run(ConsoleWorkbench::new, script);
    }
}
