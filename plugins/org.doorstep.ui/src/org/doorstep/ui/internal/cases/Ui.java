package org.doorstep.ui.internal.cases;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.doorstep.ui.WidgetIds;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;

/** Widget helpers of the case screens: ids for tests, touch-size controls (≥ 44 px high), work off the UI thread. */
final class Ui {

    /** Height of a touch target in pixels. */
    static final int TOUCH = 48;
    private static final String CSS_CLASS_KEY = "org.eclipse.e4.ui.css.CssClassName";

    private Ui() {
    }

    static <W extends Widget> W id(W widget, String id) {
        widget.setData(WidgetIds.KEY, id);
        return widget;
    }

    static <W extends Widget> W css(W widget, String cssClass) {
        widget.setData(CSS_CLASS_KEY, cssClass);
        return widget;
    }

    static Button button(Composite parent, String id, String text, Runnable action) {
        Button b = id(new Button(parent, SWT.PUSH), id);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        GridDataFactory.swtDefaults().hint(SWT.DEFAULT, TOUCH).applyTo(b);
        return b;
    }

    static Label label(Composite parent, String text) {
        Label l = new Label(parent, SWT.WRAP);
        l.setText(text);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(l);
        return l;
    }

    /** A caption and a one-line field under it. */
    static Text field(Composite parent, String id, String caption, String value) {
        label(parent, caption);
        Text t = id(new Text(parent, SWT.BORDER | SWT.SINGLE), id);
        t.setText(value == null ? "" : value);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, TOUCH - 8).applyTo(t);
        return t;
    }

    static Combo combo(Composite parent, String id, String caption, String... items) {
        label(parent, caption);
        Combo c = id(new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN), id);
        c.setItems(items);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, TOUCH - 8).applyTo(c);
        return c;
    }

    static String text(Text t) {
        String s = t.getText().strip();
        return s.isEmpty() ? null : s;
    }

    /** A failure that should be explained to the officer (already in words) or shown with its message. */
    @FunctionalInterface
    interface Work<T> extends Callable<T> {
    }

    /**
     * Runs {@code work} on a background thread while {@code progress} shows and {@code busy} controls are disabled;
     * then gives the result (or the failure) to the UI thread. Never blocks the UI thread.
     */
    static <T> void inBackground(Control owner, ProgressBar progress, Work<T> work, Consumer<T> done,
            Consumer<Exception> failed) {
        progress.setVisible(true);
        owner.setEnabled(false);
        Thread t = new Thread(() -> {
            T result = null;
            Exception failure = null;
            try {
                result = work.call();
            } catch (Exception e) {
                failure = e;
            } catch (LinkageError | AssertionError e) { // NOSONAR a class that cannot load must not leave the screen busy
                failure = new IllegalStateException(e.toString(), e);
            }
            T r = result;
            Exception f = failure;
            if (owner.isDisposed()) {
                closeUnclaimed(r);
                return;
            }
            owner.getDisplay().asyncExec(() -> {
                if (owner.isDisposed()) {
                    closeUnclaimed(r);
                    return;
                }
                progress.setVisible(false);
                owner.setEnabled(true);
                if (f == null) {
                    done.accept(r);
                } else {
                    failed.accept(f);
                }
            });
        }, "doorstep-case-work");
        t.setDaemon(true);
        t.start();
    }

    /**
     * What background work opened (a camera, a scanner, a preview stream) for a screen that was closed meanwhile is
     * closed here, so no device light stays on and no reader thread runs on for nobody.
     */
    private static void closeUnclaimed(Object result) {
        if (result instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                System.getLogger(Ui.class.getName()).log(System.Logger.Level.WARNING,
                        "closing what a closed screen had opened failed: " + e);
            }
        }
    }
}
