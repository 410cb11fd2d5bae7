package org.doorstep.hq.console.internal.signin;

import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.ConsoleAddon;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.doorstep.hq.console.internal.Ui;
import org.doorstep.hq.console.internal.Work;
import org.doorstep.hq.console.internal.model.Formats;
import org.doorstep.hq.console.internal.model.Problems;
import org.doorstep.hq.console.internal.model.StoreLocation;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.SideValue;
import org.eclipse.e4.ui.model.application.ui.basic.MTrimBar;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * The sign-in screen, laid over the main window while no administrator is signed in: HQ's store (as found, or typed),
 * user id and password, and what went wrong in plain words (a wrong password, the time to wait after too many, the
 * store out of reach). Everything else in the window but the status line is hidden meanwhile, so nothing of HQ shows
 * and nothing behind takes the keyboard. Signing in (a JDBC round trip and a password hash) runs in the background
 * while a busy bar shows.
 */
public final class SignInScreen {

    private static final String MODEL_ELEMENT = "modelElement";

    private final Shell shell;
    private final ConsoleAddon addon;
    private final IEclipseContext context;
    private final ConsoleMessages m;
    private final Work work;
    private final Formats formats;
    private final Composite root;
    private final Set<Control> hidden = new LinkedHashSet<>();
    private Text store;
    private Label storeSource;
    private Text user;
    private Text password;
    private Button submit;
    private Label message;
    private ProgressBar busy;
    private StoreLocation location;
    private boolean covering;
    private boolean working;

    public SignInScreen(Shell shell, ConsoleAddon addon, IEclipseContext context, ConsoleMessages m, Work work) {
        this.shell = shell;
        this.addon = addon;
        this.context = context;
        this.m = m;
        this.work = work;
        this.formats = new Formats(m, Locale.getDefault(), ZoneId.systemDefault());
        this.location = context.get(StoreLocation.class);
        root = Ui.id(new Composite(shell, SWT.NONE), ConsoleIds.SIGN_IN);
        GridLayoutFactory.fillDefaults().margins(48, 32).applyTo(root);
        root.setVisible(false);
        build();
        shell.addListener(SWT.Resize, e -> shell.getDisplay().asyncExec(this::place));
    }

    private void build() {
        Composite form = new Composite(root, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(16, 14).applyTo(form);
        GridDataFactory.fillDefaults().align(SWT.CENTER, SWT.CENTER).grab(true, true).hint(760, SWT.DEFAULT).applyTo(form);
        Label heading = Ui.heading(form, m.signIn_heading);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(heading);
        Label intro = Ui.paragraph(form, null, m.signIn_intro);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(700, SWT.DEFAULT).applyTo(intro);

        Ui.label(form, m.signIn_store);
        store = Ui.text(form, ConsoleIds.SIGN_IN_STORE, SWT.SINGLE);
        new Label(form, SWT.NONE);
        storeSource = Ui.paragraph(form, ConsoleIds.SIGN_IN_STORE_SOURCE, "");
        store.addListener(SWT.Modify, e -> {
            if (!store.getText().strip().equals(location.url().orElse(""))) {
                location = StoreLocation.typed(store.getText());
                storeSource.setText(m.signIn_source_typed);
            }
        });
        Ui.label(form, m.signIn_user);
        user = Ui.text(form, ConsoleIds.SIGN_IN_USER, SWT.SINGLE);
        Ui.label(form, m.signIn_password);
        password = Ui.text(form, ConsoleIds.SIGN_IN_PASSWORD, SWT.SINGLE | SWT.PASSWORD);
        for (Text t : new Text[] {store, user, password}) {
            GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).applyTo(t);
            Ui.onEnter(t, this::submit);
        }
        new Label(form, SWT.NONE);
        Composite row = new Composite(form, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(16, 0).applyTo(row);
        submit = Ui.button(row, ConsoleIds.SIGN_IN_SUBMIT, m.signIn_submit, this::submit);
        busy = Ui.id(new ProgressBar(row, SWT.INDETERMINATE), ConsoleIds.SIGN_IN_BUSY);
        GridDataFactory.swtDefaults().hint(200, SWT.DEFAULT).applyTo(busy);
        busy.setVisible(false);
        message = Ui.css(Ui.paragraph(form, ConsoleIds.SIGN_IN_MESSAGE, ""), "problem");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(700, SWT.DEFAULT).applyTo(message);
        showLocation();
    }

    private void showLocation() {
        store.setText(location.url().orElse(""));
        storeSource.setText(switch (location.source()) {
            case OPTION -> m.signIn_source_option;
            case ENVIRONMENT -> formats.format(m.signIn_source_environment, StoreLocation.STORE_VARIABLE);
            case HQ_DATA -> formats.format(m.signIn_source_file, location.file().map(Object::toString).orElse(""));
            case TYPED -> m.signIn_source_typed;
            case NONE -> formats.format(m.signIn_source_none, location.file().map(Object::toString).orElse("hq-data"));
        });
    }

    private void submit() {
        if (working) {
            return;
        }
        if (location.source() == StoreLocation.Source.HQ_DATA || location.source() == StoreLocation.Source.NONE) {
            // the local HQ writes its store's address at every start, with a new port: read it again
            StoreLocation again = location.refreshed();
            if (!again.equals(location)) {
                location = again;
                showLocation();
            }
        }
        String url = store.getText().strip();
        var problem = StoreLocation.problem(url);
        if (problem.isPresent()) {
            say(problem.get().equals("empty") ? m.signIn_problem_noStore : m.signIn_problem_notNetwork, store);
            return;
        }
        String id = user.getText().strip();
        if (id.isEmpty()) {
            say(m.signIn_problem_noUser, user);
            return;
        }
        char[] secret = password.getTextChars();
        if (secret.length == 0) {
            say(m.signIn_problem_noPassword, password);
            return;
        }
        password.setText("");
        working = true;
        setEnabled(false);
        busy.setVisible(true);
        message.setText(m.signIn_busy);
        work.run(m.signIn_busy, () -> addon.connection().signIn(url, id, secret), this::signedIn, this::refused);
    }

    private void signedIn(AdminSession session) {
        working = false;
        if (root.isDisposed()) {
            return;
        }
        busy.setVisible(false);
        setEnabled(true);
        message.setText("");
        context.set(StoreLocation.class, location);
        addon.signedIn(session);
    }

    private void refused(AdminException e) {
        working = false;
        if (root.isDisposed()) {
            return;
        }
        busy.setVisible(false);
        setEnabled(true);
        String detail = Problems.detail(e, m, formats);
        String headline = e.kind() == AdminException.Kind.STORAGE
                ? formats.format(m.signIn_problem_storage, store.getText().strip()) : Problems.headline(e, m, formats);
        say(detail.isEmpty() ? headline : headline + "\n" + detail, e.kind() == AdminException.Kind.STORAGE ? store : password);
    }

    /** Shows why the sign-in screen is back (the account was disabled, say). */
    public void explain(String text) {
        say(text, null);
    }

    private void say(String text, Control focus) {
        message.setText(text);
        root.layout(true, true);
        if (focus != null && !focus.isDisposed()) {
            focus.setFocus();
        }
    }

    private void setEnabled(boolean enabled) {
        for (Control c : new Control[] {store, user, password, submit}) {
            c.setEnabled(enabled);
        }
    }

    // ---- covering the window ----

    /** Covers the window with this screen (at start and after signing out); UI thread. */
    public void cover() {
        if (root.isDisposed()) {
            return;
        }
        for (Control child : shell.getChildren()) {
            if (child != root && child.getVisible() && !isBottomTrim(child)) {
                hidden.add(child);
                child.setVisible(false);
            }
        }
        if (!covering) {
            covering = true;
            password.setText("");
            location = location.refreshed();
            showLocation();
            message.setText("");
        }
        root.setVisible(true);
        root.moveAbove(null);
        place();
        (user.getText().isBlank() ? user : password).setFocus();
    }

    /** Gives the window back (signed in); UI thread. */
    public void uncover() {
        covering = false;
        root.setVisible(false);
        for (Control c : hidden) {
            if (!c.isDisposed()) {
                c.setVisible(true);
            }
        }
        hidden.clear();
        shell.layout(true, true);
    }

    public boolean isCovering() {
        return covering;
    }

    private void place() {
        if (root.isDisposed() || !root.isVisible()) {
            return;
        }
        Rectangle area = shell.getClientArea();
        int bottom = area.y + area.height;
        for (Control child : shell.getChildren()) {
            if (isBottomTrim(child) && child.isVisible()) {
                bottom = Math.min(bottom, child.getBounds().y);
            }
        }
        root.setBounds(area.x, area.y, area.width, Math.max(0, bottom - area.y));
        root.layout(true, true);
    }

    private static boolean isBottomTrim(Control control) {
        return control.getData(MODEL_ELEMENT) instanceof MTrimBar bar && bar.getSide() == SideValue.BOTTOM;
    }
}
