package org.doorstep.hq.console.internal.dialogs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.doorstep.hq.console.internal.Ui;
import org.doorstep.hq.console.internal.Work;
import org.doorstep.hq.console.internal.model.Formats;
import org.doorstep.hq.console.internal.model.Problems;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * The console's dialogs: a modal shell over the main window that does not block the caller (its buttons call back),
 * so the event loop keeps running and the administrator's keyboard works as everywhere: Tab between fields, Enter on
 * the default button, Esc or the window's close box to go back without doing anything. A dialog that calls HQ keeps
 * its input while the call runs (busy bar) and shows a refusal inside itself, so nothing typed is lost. Its shell
 * carries the dialog's id; its parts {@code id.message}, {@code id.ok}, {@code id.cancel}, {@code id.problem} and
 * {@code id.}<i>field</i>.
 */
public abstract class ConsoleDialog {

    protected final Shell shell;
    protected final String id;
    protected final ConsoleMessages m;
    protected final Formats f;
    private final String heading;
    private final List<Control> inputs = new ArrayList<>();
    private Label problem;
    private ProgressBar busy;
    protected Button ok;
    protected Button cancel;
    private boolean working;

    protected ConsoleDialog(Shell parent, String id, String title, String heading, ConsoleMessages m, Formats f) {
        this.shell = Ui.id(new Shell(parent, SWT.DIALOG_TRIM | SWT.APPLICATION_MODAL | SWT.RESIZE), id);
        this.id = id;
        this.m = m;
        this.f = f;
        this.heading = heading;
        shell.setText(title);
        GridLayoutFactory.fillDefaults().margins(24, 20).spacing(12, 14).applyTo(shell);
    }

    /** Fills the dialog between its heading and its buttons. */
    protected abstract void contents(Composite body);

    /** The default button's text. */
    protected abstract String okText();

    /** The default button was pressed. */
    protected abstract void ok();

    /** Whether the dialog offers Cancel besides its default button (a message needs only one way back). */
    protected boolean hasCancel() {
        return true;
    }

    public final void open() {
        Control before = shell.getDisplay().getFocusControl();
        Shell owner = shell.getParent().getShell();
        // back where the administrator was: the window active again (key bindings follow the active shell; without a
        // window manager nobody else would activate it) and the focus where it was
        shell.addListener(SWT.Dispose, e -> shell.getDisplay().asyncExec(() -> {
            if (!owner.isDisposed()) {
                owner.forceActive();
                if (before != null && !before.isDisposed() && before.isVisible() && before.getShell() == owner) {
                    before.setFocus();
                }
            }
        }));
        Ui.heading(shell, heading);
        Composite body = new Composite(shell, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 10).applyTo(body);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        contents(body);
        problem = Ui.css(Ui.paragraph(shell, id + ".problem", ""), "problem");
        Composite row = new Composite(shell, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).spacing(12, 0).applyTo(row);
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).grab(true, false).applyTo(row);
        busy = new ProgressBar(row, SWT.INDETERMINATE);
        GridDataFactory.swtDefaults().hint(160, SWT.DEFAULT).applyTo(busy);
        busy.setVisible(false);
        ok = Ui.button(row, id + ".ok", okText(), this::pressOk);
        if (hasCancel()) {
            cancel = Ui.button(row, id + ".cancel", m.dialog_cancel, this::close);
        } else {
            new Label(row, SWT.NONE);
        }
        shell.setDefaultButton(ok);
        shell.addListener(SWT.Close, e -> e.doit = !working);
        shell.pack();
        Point size = shell.getSize();
        int width = Math.max(size.x, 680);
        shell.setSize(width, size.y);
        shell.layout(true, true);
        shell.setSize(width, shell.computeSize(width, SWT.DEFAULT).y);
        Rectangle over = shell.getParent().getBounds();
        shell.setLocation(over.x + Math.max(0, (over.width - width) / 2), over.y + Math.max(0, (over.height - shell.getSize().y) / 3));
        shell.open();
        inputs.stream().filter(c -> !c.isDisposed() && c.isEnabled()).findFirst().orElse(ok).setFocus();
    }

    private void pressOk() {
        if (!working) {
            problem.setText("");
            ok();
        }
    }

    public void close() {
        if (!shell.isDisposed()) {
            shell.dispose();
        }
    }

    public boolean isOpen() {
        return !shell.isDisposed();
    }

    /** Shows what is wrong inside the dialog and keeps it open. */
    protected void fail(String text) {
        if (!shell.isDisposed()) {
            problem.setText(text);
            shell.layout(true, true);
            shell.setSize(shell.getSize().x, Math.max(shell.getSize().y, shell.computeSize(shell.getSize().x, SWT.DEFAULT).y));
        }
    }

    /**
     * The reason typed for a grave action, if there is one and the administrator ticked the confirmation; otherwise
     * says which is missing and gives nothing.
     */
    protected Optional<String> confirmedReason(Text reason, Button confirm) {
        String why = reason.getText().strip();
        if (why.isEmpty()) {
            fail(m.dialog_problem_reason);
            return Optional.empty();
        }
        if (!confirm.getSelection()) {
            fail(m.dialog_problem_confirm);
            return Optional.empty();
        }
        return Optional.of(why);
    }

    protected void fail(AdminException e) {
        String detail = Problems.detail(e, m, f);
        fail(Problems.headline(e, m, f) + (detail.isEmpty() ? "" : "\n" + detail));
    }

    /**
     * Calls HQ in the background with the dialog's controls disabled; on success the dialog closes and {@code done}
     * runs, on a refusal the dialog stays with the problem in it.
     */
    protected <T> void call(Work work, String task, Work.Task<T> call, Consumer<T> done) {
        working = true;
        setInputsEnabled(false);
        busy.setVisible(true);
        work.run(task, call, result -> {
            working = false;
            close();
            done.accept(result);
        }, e -> {
            working = false;
            if (!shell.isDisposed()) {
                busy.setVisible(false);
                setInputsEnabled(true);
                fail(e);
            }
        });
    }

    private void setInputsEnabled(boolean enabled) {
        for (Control c : inputs) {
            if (!c.isDisposed()) {
                c.setEnabled(enabled);
            }
        }
        ok.setEnabled(enabled);
        if (cancel != null) {
            cancel.setEnabled(enabled);
        }
    }

    // ---- fields ----

    protected Label message(Composite body, String text) {
        Label label = Ui.paragraph(body, id + ".message", text);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(620, SWT.DEFAULT).applyTo(label);
        return label;
    }

    protected Text field(Composite body, String label, String name, int style) {
        Ui.label(body, label);
        Text text = Ui.text(body, id + "." + name, style);
        GridDataFactory.fillDefaults().grab(true, false).hint(420, (style & SWT.MULTI) != 0 ? 96 : SWT.DEFAULT).applyTo(text);
        inputs.add(text);
        return text;
    }

    protected Combo choice(Composite body, String label, String name, String... items) {
        Ui.label(body, label);
        Combo combo = Ui.combo(body, id + "." + name, items);
        inputs.add(combo);
        return combo;
    }

    protected Button check(Composite body, String label, String name) {
        new Label(body, SWT.NONE);
        Button check = Ui.id(new Button(body, SWT.CHECK), id + "." + name);
        check.setText(label);
        GridDataFactory.fillDefaults().hint(SWT.DEFAULT, Ui.ROW).applyTo(check);
        inputs.add(check);
        return check;
    }

    /** A value to read and copy, not to edit. */
    protected Text value(Composite body, String label, String name, String value, String cssClass) {
        Ui.label(body, label);
        Text text = Ui.id(new Text(body, SWT.READ_ONLY | SWT.WRAP | SWT.MULTI), id + "." + name);
        if (cssClass != null) {
            Ui.css(text, cssClass);
        }
        text.setText(value);
        GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).applyTo(text);
        return text;
    }
}
