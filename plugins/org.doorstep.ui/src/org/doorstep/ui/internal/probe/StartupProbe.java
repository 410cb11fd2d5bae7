package org.doorstep.ui.internal.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.vault.ShellIds;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Widget;

/**
 * Measures how long the product takes from the start of its JVM to the first paint of the first screen an
 * officer sees, for {@code scripts/bench-startup.sh}. A model processor (registered in {@code plugin.xml} for
 * every application model, so it also runs with {@code -applicationXMI org.doorstep.ui/bare.e4xmi}) that does
 * nothing unless the system property {@value #PROPERTY} names a file. Then it watches every SWT paint on the
 * display; at the first paint of a control that is, or lies inside, a widget whose {@link WidgetIds#KEY} is one
 * of {@link #FIRST_SCREEN} (or the bare model's window {@value #BARE_WINDOW}), it notes the JVM's uptime, lets
 * the paint finish, collects the garbage, writes the figures to the file and closes the workbench.
 *
 * <p>Watching paints costs a little: with a paint filter installed, SWT delivers a paint event for every
 * control. The bare window pays the same, so the comparison in one run stays fair.
 */
public final class StartupProbe {

    /** System property naming the file the figures are written to; the probe is off without it. */
    public static final String PROPERTY = "doorstep.startupProbe";

    /**
     * The ids of the screens an officer can see first, the one place to change them: the set-up screen on a fresh
     * data folder and the unlock screen on a set-up laptop (the lock screen covers the work area until the vault is
     * unlocked). The figures file names the one that painted first.
     */
    public static final Set<String> FIRST_SCREEN = Set.of(ShellIds.SETUP, ShellIds.UNLOCK);

    /** Element id of the only window in {@code bare.e4xmi}, the baseline of the start-up benchmark. */
    public static final String BARE_WINDOW = "org.doorstep.ui.window.bare";

    /** Where e4's SWT renderers keep the model element of a widget they made. */
    private static final String OWNING_ELEMENT = "modelElement";

    @Execute
    public void execute(MApplication application, Display display) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        Path out = Path.of(file).toAbsolutePath();
        Listener watcher = new Listener() {
            private boolean seen;

            @Override
            public void handleEvent(Event event) {
                if (seen) {
                    return;
                }
                String target = target(event.widget);
                if (target == null) {
                    return;
                }
                seen = true;
                long paintMs = runtime().getUptime();
                display.removeFilter(SWT.Paint, this);
                // after this paint and whatever else is queued: the screen is on the display
                display.asyncExec(() -> finish(application, out, target, paintMs));
            }
        };
        display.addFilter(SWT.Paint, watcher);
    }

    /** The id of the first screen this control belongs to, or null if it belongs to none. */
    static String target(Widget widget) {
        Control control = widget instanceof Control c ? c : null;
        while (control != null) {
            Object id = control.getData(WidgetIds.KEY);
            if (id instanceof String s && FIRST_SCREEN.contains(s)) {
                return s;
            }
            if (control.getData(OWNING_ELEMENT) instanceof MUIElement element
                    && BARE_WINDOW.equals(element.getElementId())) {
                return BARE_WINDOW;
            }
            control = control.getParent();
        }
        return null;
    }

    private static void finish(MApplication application, Path out, String target, long paintMs) {
        long settledMs = runtime().getUptime();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heapUsed = memory.getHeapMemoryUsage().getUsed();
        String figures = "target=" + target + "\n"
                + "firstPaintMs=" + paintMs + "\n"
                + "settledMs=" + settledMs + "\n"
                + "jvmStartEpochMs=" + runtime().getStartTime() + "\n"
                + "heapUsedAfterGcBytes=" + heapUsed + "\n";
        try {
            Path temp = out.resolveSibling(out.getFileName() + ".tmp");
            Files.writeString(temp, figures, StandardCharsets.UTF_8);
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the start-up probe could not write " + out, e);
        } finally {
            IWorkbench workbench = application.getContext().get(IWorkbench.class);
            if (workbench != null) {
                workbench.close();
            }
        }
    }

    private static RuntimeMXBean runtime() {
        return ManagementFactory.getRuntimeMXBean();
    }
}
