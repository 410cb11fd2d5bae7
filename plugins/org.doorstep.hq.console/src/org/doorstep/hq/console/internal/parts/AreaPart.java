package org.doorstep.hq.console.internal.parts;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.Role;
import org.doorstep.hq.console.Area;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.doorstep.hq.console.internal.Ui;
import org.doorstep.hq.console.internal.Work;
import org.doorstep.hq.console.internal.dialogs.MessageBox;
import org.doorstep.hq.console.internal.model.Formats;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * What every work area shares: its messages and formats, the signed-in administrator and the newest board (both
 * injected again, on the UI thread, when they change), the background work, and the rule that action controls are
 * enabled only for the admin role (a viewer sees everything, can do nothing, and the service would refuse anyway).
 */
public abstract class AreaPart {

    @Inject
    @Translation
    protected ConsoleMessages m;

    @Inject
    protected Work work;

    @Inject
    protected IEclipseContext context;

    protected Formats formats;
    protected AdminSession session;
    protected DeviceBoard board;
    protected Composite root;
    private final List<Action> actions = new ArrayList<>();

    private record Action(Control control, BooleanSupplier when) {
    }

    protected abstract Area area();

    /** Builds the area's controls under {@code parent}, which already has its id and layout. */
    protected abstract void build(Composite parent);

    /** A (new) administrator signed in, or (null) signed out. */
    protected void sessionChanged() {
    }

    /** A new board arrived (only while signed in). */
    protected void boardChanged(DeviceBoard newBoard) {
    }

    /** The area came to the front: load what it shows. */
    protected void shown() {
    }

    @PostConstruct
    public void create(Composite parent) {
        root = parent;
        formats = new Formats(m, Locale.getDefault(), ZoneId.systemDefault());
        Ui.id(parent, area().sectionId());
        GridLayoutFactory.fillDefaults().margins(16, 16).spacing(10, 12).applyTo(parent);
        build(parent);
        sessionChanged();
        if (board != null) {
            boardChanged(board);
        }
        updateActions();
    }

    @Inject
    public void session(@Optional AdminSession s) {
        boolean changed = s != session;
        session = s;
        if (alive() && changed) {
            sessionChanged();
            updateActions();
        }
    }

    @Inject
    public void board(@Optional DeviceBoard b) {
        board = b;
        if (alive() && b != null && session != null) {
            boardChanged(b);
            updateActions();
        }
    }

    @Focus
    public void focus() {
        if (alive() && session != null) {
            shown();
        }
    }

    protected boolean alive() {
        return root != null && !root.isDisposed();
    }

    protected boolean isAdmin() {
        return session != null && session.role() == Role.ADMIN;
    }

    /** An action control: enabled only for an administrator and only while {@code when} holds. */
    protected <C extends Control> C action(C control, BooleanSupplier when) {
        actions.add(new Action(control, when));
        return control;
    }

    /** Enables and disables the action controls for the current role and state; call after a state change. */
    protected void updateActions() {
        boolean admin = isAdmin();
        for (Action a : actions) {
            if (!a.control().isDisposed()) {
                a.control().setEnabled(admin && calls == 0 && a.when().getAsBoolean());
            }
        }
    }

    /** Calls to HQ under way (a reload the board caused can overlap an action's call). */
    private int calls;

    /** Runs a call to HQ in the background with this area's actions disabled until every call under way is back. */
    protected <T> void call(String task, Work.Task<T> call, java.util.function.Consumer<T> done) {
        calls++;
        updateActions();
        work.run(task, call, result -> {
            calls--;
            if (alive()) {
                updateActions();
                done.accept(result);
            }
        }, problem -> {
            calls--;
            if (alive()) {
                updateActions();
                showProblem(problem);
            }
        });
    }

    protected void showProblem(AdminException problem) {
        MessageBox.problem(root.getShell(), m, formats, problem);
    }

    /** The days typed in a from/to pair of fields, or nothing, the problem shown to the administrator. */
    protected java.util.Optional<Filters.Days> days(Text from, Text to) {
        try {
            return java.util.Optional.of(Filters.days(from, to, m));
        } catch (AdminException e) {
            showProblem(e);
            return java.util.Optional.empty();
        }
    }
}
