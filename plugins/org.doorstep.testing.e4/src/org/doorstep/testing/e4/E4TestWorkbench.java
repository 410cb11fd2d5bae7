package org.doorstep.testing.e4;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Widget;

/**
 * Starts a product's real e4 workbench (its application model from the product, real renderers, real SWT widgets),
 * runs a test script inside its event loop, then closes the workbench. A failure in the script is rethrown to the test
 * after the workbench has shut down, with a screenshot of every visible shell. Widgets are found by the id each
 * product keeps under its own data key; each product's tests subclass this with their key and main-window widget.
 */
public class E4TestWorkbench {

    /** What runs inside the workbench's event loop. */
    public interface Script<W extends E4TestWorkbench> {
        void run(W ui) throws Exception;
    }

    private final Display display;
    private final E4Workbench workbench;
    private final String idKey;
    private final String mainWidgetId;
    private final Duration patience;

    /**
     * @param idKey        the widget data key under which the product keeps widget ids
     * @param mainWidgetId a widget of the main window, to find its shell
     * @param patience     upper bound for the UI to reach a state: a guard against hanging, not a performance assertion
     */
    protected E4TestWorkbench(Display display, E4Workbench workbench, String idKey, String mainWidgetId,
            Duration patience) {
        this.display = display;
        this.workbench = workbench;
        this.idKey = idKey;
        this.mainWidgetId = mainWidgetId;
        this.patience = patience;
    }

    /** Starts the workbench, lets {@code factory} wrap it for the script, runs the script and closes the workbench. */
    protected static <W extends E4TestWorkbench> void run(BiFunction<Display, E4Workbench, W> factory, Script<W> script)
            throws Exception {
        Display display = Display.getDefault();
        E4Workbench workbench = new E4Application().createE4Workbench(new ProductApplicationContext(), display);
        W ui = factory.apply(display, workbench);
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
            // the application context holds the addons and their service references: end it with the workbench
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

    /** What the user saw when the script failed, for the person reading the failure. */
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

    /** The workbench's context (the application context the addons and the product's services live in). */
    public IEclipseContext appContext() {
        return workbench.getContext();
    }

    /** The application's e4 context (services and values the parts find by injection). */
    public IEclipseContext workbenchContext() {
        return workbench.getApplication().getContext();
    }

    public Display display() {
        return display;
    }

    /** Processes UI events until the condition holds; fails with the description if it never does. */
    public void waitUntil(String description, BooleanSupplier condition) {
        waitUntil(description, condition, () -> "");
    }

    /** As {@link #waitUntil(String, BooleanSupplier)}, adding what {@code state} says to the failure. */
    public void waitUntil(String description, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String seen = state.get();
                throw new AssertionError("timed out waiting until " + description + (seen.isEmpty() ? "" : " (" + seen + ")"));
            }
            // make sure sleep() wakes up to look again even when nothing else happens
            display.timerExec(20, () -> {
            });
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
    }

    /** Lets pending layouts, paints and asynchronous updates run. */
    public void settle() {
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

    /** The widget with this id in any open shell. */
    public Optional<Widget> find(String id) {
        return Arrays.stream(display.getShells()).filter(s -> !s.isDisposed()).map(shell -> find(shell, id))
                .filter(Objects::nonNull).findFirst();
    }

    public <W extends Widget> W get(String id, Class<W> type) {
        Widget widget = find(id).orElseThrow(() -> new AssertionError("no widget with id " + id));
        if (!type.isInstance(widget)) {
            throw new AssertionError(id + " is a " + widget.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(widget);
    }

    /** Waits for a widget to exist (and be visible) and returns it. */
    public <W extends Widget> W await(String id, Class<W> type) {
        waitUntil(id + " is shown", () -> find(id).map(w -> !(w instanceof Control c) || c.isVisible()).orElse(false));
        return get(id, type);
    }

    public Shell mainShell() {
        return get(mainWidgetId, Control.class).getShell();
    }

    private Widget find(Widget widget, String id) {
        if (id.equals(widget.getData(idKey))) {
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
