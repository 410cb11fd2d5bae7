package org.doorstep.hq.console.tests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.doorstep.hq.console.ConsoleIds;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Widget;

/**
 * Starts the HQ console's real e4 workbench (its application model from the product, real renderers, real SWT
 * widgets), runs a test script inside its event loop, then closes the workbench. A failure in the script is rethrown
 * to the test after the workbench has shut down, with a screenshot of every visible shell.
 */
final class ConsoleWorkbench {

    /** Upper bound for the UI to reach a state; a guard against hanging, not a performance assertion. */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    private final Display display;
    private final E4Workbench workbench;

    private ConsoleWorkbench(Display display, E4Workbench workbench) {
        this.display = display;
        this.workbench = workbench;
    }

    interface Script {
        void run(ConsoleWorkbench ui) throws Exception;
    }

    static void run(Script script) throws Exception {
        Display display = Display.getDefault();
        E4Workbench workbench = new E4Application().createE4Workbench(new ProductApplicationContext(), display);
        ConsoleWorkbench ui = new ConsoleWorkbench(display, workbench);
        List<Throwable> failures = new ArrayList<>();
        display.asyncExec(() -> {
            try {
                script.run(ui);
            } catch (Throwable t) { // NOSONAR the failure is rethrown to JUnit below
                failures.add(t);
                captureOnFailure(display);
            } finally {
                workbench.close();
            }
        });
        try {
            workbench.createAndRunUI(workbench.getApplication());
        } finally {
            workbench.getContext().dispose();
            if (!display.isDisposed()) {
                display.dispose();
            }
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            if (first instanceof Exception e) {
                throw e;
            }
            throw (Error) first;
        }
    }

    private static void captureOnFailure(Display display) {
        int n = 0;
        for (Shell shell : display.getShells()) {
            if (shell.isVisible()) {
                try {
                    Screenshots.capture(shell, "failure-" + System.currentTimeMillis() + "-" + n++);
                } catch (Exception | AssertionError e) {
                    // the failure itself is what matters
                }
            }
        }
    }

    /** The application's context (where the console keeps its session, board, work and file chooser). */
    IEclipseContext appContext() {
        return workbench.getContext();
    }

    Display display() {
        return display;
    }

    /** Processes UI events until the condition holds; fails with the description if it never does. */
    void waitUntil(String description, BooleanSupplier condition) {
        waitUntil(description, condition, () -> "");
    }

    void waitUntil(String description, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String seen = state.get();
                throw new AssertionError("timed out waiting until " + description + (seen.isEmpty() ? "" : " (" + seen + ")"));
            }
            display.timerExec(20, () -> {
            });
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
    }

    /** Lets pending layouts, paints and asynchronous updates run. */
    void settle() {
        for (int i = 0; i < 5; i++) {
            while (display.readAndDispatch()) {
                // drain
            }
            display.timerExec(30, () -> {
            });
            display.sleep();
        }
        while (display.readAndDispatch()) {
            // drain
        }
    }

    Optional<Widget> find(String id) {
        return Arrays.stream(display.getShells()).filter(s -> !s.isDisposed()).map(shell -> find(shell, id))
                .filter(Objects::nonNull).findFirst();
    }

    <W extends Widget> W get(String id, Class<W> type) {
        Widget widget = find(id).orElseThrow(() -> new AssertionError("no widget with id " + id));
        if (!type.isInstance(widget)) {
            throw new AssertionError(id + " is a " + widget.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(widget);
    }

    /** Waits for a widget to exist (and be visible) and returns it. */
    <W extends Widget> W await(String id, Class<W> type) {
        waitUntil(id + " is shown", () -> find(id).map(w -> !(w instanceof Control c) || c.isVisible()).orElse(false));
        return get(id, type);
    }

    Shell mainShell() {
        return get(ConsoleIds.STATUS_LINE, Control.class).getShell();
    }

    private static Widget find(Widget widget, String id) {
        if (id.equals(widget.getData(ConsoleIds.KEY))) {
            return widget;
        }
        if (widget instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                Widget found = find(child, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
