package org.doorstep.hq.console.internal.parts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.Role;
import org.doorstep.hq.admin.UserView;
import org.doorstep.hq.console.Area;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.Ui;
import org.doorstep.hq.console.internal.dialogs.MessageBox;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The administrators and viewers of HQ, and (administrators only) adding one with a role and a password, and changing
 * a user's role. Passwords are taken from their fields as characters and the fields emptied at once.
 */
public class UsersPart extends AreaPart {

    private static final Role[] ROLES = {Role.VIEWER, Role.ADMIN};

    private Table table;
    private Label note;
    private Text id;
    private Text name;
    private Combo role;
    private Text password;
    private Text again;
    private Combo newRole;
    private List<UserView> users = List.of();

    @Override
    protected Area area() {
        return Area.USERS;
    }

    @Override
    protected void build(Composite parent) {
        Ui.heading(parent, m.users_heading);
        note = Ui.paragraph(parent, ConsoleIds.USERS_NOTE, "");
        table = Ui.table(parent, ConsoleIds.USERS_TABLE, SWT.SINGLE, m.users_col_id, m.users_col_name, m.users_col_role,
                m.users_col_failures, m.users_col_locked, m.users_col_created);
        table.addListener(SWT.Selection, e -> updateActions());
        Composite change = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).spacing(12, 0).applyTo(change);
        Ui.label(change, m.users_newRole);
        newRole = action(Ui.combo(change, ConsoleIds.USERS_NEW_ROLE, roleNames()), () -> selected().isPresent());
        action(Ui.button(change, ConsoleIds.USERS_SET_ROLE, m.users_setRole, this::setRole), () -> selected().isPresent());
        action(Ui.button(change, ConsoleIds.USERS_DISABLE, m.users_disable, () -> setDisabled(true)),
                () -> selected().map(u -> !u.disabled()).orElse(false));
        action(Ui.button(change, ConsoleIds.USERS_ENABLE, m.users_enable, () -> setDisabled(false)),
                () -> selected().map(UserView::disabled).orElse(false));

        Ui.subheading(parent, m.users_addHeading);
        Composite form = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).spacing(12, 8).applyTo(form);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(form);
        Ui.label(form, m.users_id);
        id = action(Ui.text(form, ConsoleIds.USERS_ID, SWT.SINGLE), () -> true);
        Ui.label(form, m.users_name);
        name = action(Ui.text(form, ConsoleIds.USERS_NAME, SWT.SINGLE), () -> true);
        Ui.label(form, m.users_password);
        password = action(Ui.text(form, ConsoleIds.USERS_PASSWORD, SWT.SINGLE | SWT.PASSWORD), () -> true);
        Ui.label(form, m.users_passwordAgain);
        again = action(Ui.text(form, ConsoleIds.USERS_PASSWORD_AGAIN, SWT.SINGLE | SWT.PASSWORD), () -> true);
        Ui.label(form, m.users_role);
        role = action(Ui.combo(form, ConsoleIds.USERS_ROLE, roleNames()), () -> true);
        new Label(form, SWT.NONE);
        action(Ui.button(form, ConsoleIds.USERS_ADD, m.users_add, this::add), () -> true);
    }

    private String[] roleNames() {
        return Arrays.stream(ROLES).map(formats::role).toArray(String[]::new);
    }

    @Override
    protected void sessionChanged() {
        if (session == null) {
            users = List.of();
            table.removeAll();
        }
        note.setText(session == null ? "" : isAdmin() ? m.users_noteAdmin : m.users_noteViewer);
        root.layout(true, true);
    }

    @Override
    protected void shown() {
        load();
    }

    private void load() {
        var current = session;
        call(m.users_loading, current::users, this::fill);
    }

    private void fill(List<UserView> list) {
        // the user just changed stays selected (GTK would otherwise select the first row, the signed-in user)
        Optional<String> keep = selected().map(UserView::userId);
        users = list;
        table.removeAll();
        for (UserView u : list) {
            new TableItem(table, SWT.NONE).setText(new String[] {u.userId(), u.displayName(), formats.role(u.role())
                + (u.disabled() ? " · " + m.users_disabled : ""), Integer.toString(u.failedAttempts()),
                formats.time(u.lockedUntil()), formats.time(u.createdAt()) + " · " + u.createdBy()});
        }
        Ui.pack(table);
        table.deselectAll();
        for (int i = 0; i < list.size(); i++) {
            if (keep.isPresent() && list.get(i).userId().equals(keep.get())) {
                table.setSelection(i);
            }
        }
        updateActions();
    }

    private Optional<UserView> selected() {
        int i = table.getSelectionIndex();
        return i >= 0 && i < users.size() ? Optional.of(users.get(i)) : Optional.empty();
    }

    private void add() {
        char[] first = password.getTextChars();
        char[] second = again.getTextChars();
        password.setText("");
        again.setText("");
        if (!Arrays.equals(first, second)) {
            Arrays.fill(first, '\0');
            Arrays.fill(second, '\0');
            showProblem(new AdminException(AdminException.Kind.INPUT, m.users_problem_mismatch));
            password.setFocus();
            return;
        }
        Arrays.fill(second, '\0');
        String userId = id.getText().strip();
        String display = name.getText().strip();
        Role r = ROLES[Math.max(0, role.getSelectionIndex())];
        var current = session;
        call(m.users_busy, () -> current.addUser(userId, display, r, first), added -> {
            id.setText("");
            name.setText("");
            MessageBox.done(root.getShell(), m, formats, m.users_added_heading,
                    formats.format(m.users_added_text, added.userId(), formats.role(added.role())));
            load();
        });
    }

    private void setDisabled(boolean disable) {
        selected().ifPresent(u -> {
            var current = session;
            call(m.users_busy, () -> current.setDisabled(u.userId(), disable), changed -> {
                MessageBox.done(root.getShell(), m, formats, disable ? m.users_disabledNow_heading
                        : m.users_enabledNow_heading, formats.format(disable ? m.users_disabledNow_text
                                : m.users_enabledNow_text, changed.userId()));
                load();
            });
        });
    }

    private void setRole() {
        selected().ifPresent(u -> {
            Role r = ROLES[Math.max(0, newRole.getSelectionIndex())];
            var current = session;
            call(m.users_busy, () -> current.setRole(u.userId(), r), changed -> {
                MessageBox.done(root.getShell(), m, formats, m.users_roleSet_heading,
                        formats.format(m.users_roleSet_text, changed.userId(), formats.role(changed.role())));
                load();
            });
        });
    }
}
