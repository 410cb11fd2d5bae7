package org.doorstep.ui.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.doorstep.ui.WidgetIds;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MTrimmedWindow;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/** Which paints the start-up probe takes for the first screen (the benchmark itself is scripts/bench-startup.sh). */
class StartupProbeTest {

    @Test
    void aPaintInsideTheFirstScreenOrTheBareWindowIsTheTargetAndNothingElseIs() {
        Shell shell = new Shell(Display.getDefault());
        try {
            Composite work = new Composite(shell, SWT.NONE);
            Composite screen = new Composite(work, SWT.NONE);
            Button inside = new Button(screen, SWT.PUSH);
            Button elsewhere = new Button(work, SWT.PUSH);
            assertNull(StartupProbe.target(inside), "no screen named yet");

            screen.setData(WidgetIds.KEY, WidgetIds.SECTION_VISITS);
            assertNull(StartupProbe.target(inside), "the work area is not a first screen: the lock screen covers it");
            screen.setData(WidgetIds.KEY, "setup");
            assertEquals("setup", StartupProbe.target(inside));
            assertEquals("setup", StartupProbe.target(screen));
            assertNull(StartupProbe.target(elsewhere));
            assertNull(StartupProbe.target(shell));

            screen.setData(WidgetIds.KEY, "unlock");
            assertEquals("unlock", StartupProbe.target(inside));

            MTrimmedWindow window = MBasicFactory.INSTANCE.createTrimmedWindow();
            window.setElementId("org.doorstep.ui.window.main");
            shell.setData("modelElement", window);
            screen.setData(WidgetIds.KEY, null);
            assertNull(StartupProbe.target(inside), "the product's window is not the bare one");
            window.setElementId(StartupProbe.BARE_WINDOW);
            assertEquals(StartupProbe.BARE_WINDOW, StartupProbe.target(elsewhere));
            assertEquals(StartupProbe.BARE_WINDOW, StartupProbe.target(shell));
        } finally {
            shell.dispose();
        }
    }
}
