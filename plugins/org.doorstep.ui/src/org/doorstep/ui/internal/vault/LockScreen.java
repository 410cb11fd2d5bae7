package org.doorstep.ui.internal.vault;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.doorstep.core.status.DeviceState;
import org.doorstep.core.status.DeviceStatus;
import org.doorstep.core.vault.VaultAccess;
import org.doorstep.vault.Vault;
import org.doorstep.vault.VaultException;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.crypto.PassphrasePolicy;
import org.doorstep.vault.keys.Officer;
import org.doorstep.vault.keys.PassphraseRejectedException;
import org.doorstep.vault.keys.UnlockResult;
import org.doorstep.vault.keys.VaultPolicy;
import org.eclipse.e4.ui.model.application.ui.SideValue;
import org.eclipse.e4.ui.model.application.ui.basic.MTrimBar;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
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
 * The vault screens (first-start setup, unlock, lock-out, wiped, officer enrolment) as one composite laid over the
 * main window's work area. While it shows, every other part of the window except the status line is hidden, so
 * nothing of a case stays visible and nothing behind it can take the keyboard; hiding keeps the parts as they were,
 * so unlocking returns the officer to where they were. Argon2 is slow: set-up, unlock and enrolment run on a
 * thread of their own while a busy bar shows.
 */
public final class LockScreen {

    /** What the cover shows. */
    enum Page {
        NONE, SETUP, UNLOCK, LOCKED_OUT, WIPED, ENROL
    }

    private static final String MODEL_ELEMENT = "modelElement";

    private final Shell shell;
    private final VaultAccess vaults;
    private final Composite root;
    private final Set<Control> hidden = new LinkedHashSet<>();
    private ShellMessages messages;
    private Locale locale;
    private Page page = Page.NONE;
    private Composite content;
    private Label message;
    private Composite busy;
    private final List<Control> inputs = new ArrayList<>();
    private Control focusBefore;
    private boolean working;
    private DeviceStatus lastStatus = DeviceStatus.notEnrolled();

    public LockScreen(Shell shell, VaultAccess vaults, ShellMessages messages, Locale locale) {
        this.shell = shell;
        this.vaults = vaults;
        this.messages = messages;
        this.locale = locale;
        root = Forms.id(new Composite(shell, SWT.NONE), ShellIds.LOCK_SCREEN);
        GridLayoutFactory.fillDefaults().margins(48, 32).applyTo(root);
        root.setVisible(false);
        shell.addListener(SWT.Resize, e -> shell.getDisplay().asyncExec(this::place));
    }

    /** Shows the screen the vault's state calls for; called on the UI thread. */
    public void show(DeviceStatus status) {
        lastStatus = status;
        if (shell.isDisposed() || working) {
            return; // the running task ends by looking at the state again
        }
        switch (status.state()) {
            case NOT_ENROLLED -> open(Page.SETUP, false);
            case LOCKED -> open(Page.UNLOCK, false);
            case LOCKED_OUT -> open(Page.LOCKED_OUT, false);
            case WIPED -> open(Page.WIPED, false);
            case UNLOCKED -> {
                if (page != Page.ENROL) {
                    uncover();
                }
            }
        }
    }

    /** The officer enrolment screen, over the work area; Cancel (Esc) returns. */
    public void showEnrolment() {
        if (lastStatus.state() == DeviceState.UNLOCKED && !working) {
            open(Page.ENROL, true);
        }
    }

    /** The language changed: the screen on show is built again in the new one. */
    public void translate(ShellMessages newMessages, Locale newLocale) {
        this.messages = newMessages;
        this.locale = newLocale;
        if (page != Page.NONE && !working) {
            open(page, true);
        }
    }

    /** Hides whatever the window gained since the cover went up (the parts are rendered after the shell). */
    public void recover() {
        if (page != Page.NONE) {
            cover();
        }
    }

    public boolean isCovering() {
        return page != Page.NONE;
    }

    // ---- covering the window ----

    private void open(Page wanted, boolean rebuild) {
        if (page == wanted && !rebuild) {
            cover();
            return;
        }
        page = wanted;
        if (content != null) {
            content.dispose();
        }
        inputs.clear();
        content = new Composite(root, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(16, 14).applyTo(content);
        GridDataFactory.fillDefaults().align(SWT.CENTER, SWT.CENTER).grab(true, true).applyTo(content);
        switch (wanted) {
            case SETUP -> buildSetup();
            case UNLOCK -> buildUnlock();
            case LOCKED_OUT -> buildLockedOut();
            case WIPED -> buildWiped();
            case ENROL -> buildEnrol();
            case NONE -> throw new IllegalArgumentException("no page to build");
        }
        cover();
        root.layout(true, true);
        focusFirstInput();
    }

    private void cover() {
        if (!root.isVisible()) {
            Control focus = shell.getDisplay().getFocusControl();
            focusBefore = focus != null && !isInside(focus, root) ? focus : focusBefore;
        }
        for (Control child : shell.getChildren()) {
            if (child != root && child.getVisible() && !isBottomTrim(child)) {
                hidden.add(child);
                child.setVisible(false);
            }
        }
        root.setVisible(true);
        root.moveAbove(null);
        place();
    }

    private void uncover() {
        page = Page.NONE;
        if (content != null) {
            content.dispose(); // passphrase fields go with it
            content = null;
        }
        inputs.clear();
        root.setVisible(false);
        for (Control c : hidden) {
            if (!c.isDisposed()) {
                c.setVisible(true);
            }
        }
        hidden.clear();
        shell.layout(true, true);
        if (focusBefore != null && !focusBefore.isDisposed() && focusBefore.isVisible()) {
            focusBefore.setFocus();
        }
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

    private static boolean isInside(Control control, Composite parent) {
        for (Control c = control; c != null; c = c.getParent()) {
            if (c == parent) {
                return true;
            }
        }
        return false;
    }

    private void focusFirstInput() {
        inputs.stream().filter(c -> !c.isDisposed() && c.isEnabled()).findFirst().ifPresent(Control::setFocus);
    }

    // ---- pages ----

    private void buildSetup() {
        Forms.id(content, ShellIds.SETUP);
        Forms.heading(content, messages.vault_setup_heading);
        Forms.paragraph(content, messages.vault_setup_intro, null);
        Text device = Forms.field(content, messages.vault_deviceName, ShellIds.SETUP_DEVICE, SWT.NONE, null);
        Label suiteLabel = new Label(content, SWT.NONE);
        suiteLabel.setText(messages.vault_suite);
        Composite suites = new Composite(content, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(24, 0).applyTo(suites);
        Button intl = Forms.id(new Button(suites, SWT.RADIO), ShellIds.SETUP_SUITE_INTL);
        intl.setText(messages.vault_suiteIntl);
        intl.setSelection(true);
        Button gm = Forms.id(new Button(suites, SWT.RADIO), ShellIds.SETUP_SUITE_GM);
        gm.setText(messages.vault_suiteGm);
        GridDataFactory.fillDefaults().hint(SWT.DEFAULT, Forms.CONTROL_HEIGHT).applyTo(intl);
        GridDataFactory.fillDefaults().hint(SWT.DEFAULT, Forms.CONTROL_HEIGHT).applyTo(gm);
        Officers officer = officerFields();
        Forms.paragraph(content, policyText(vaults.policy()), ShellIds.SETUP_POLICY);
        Runnable submit = () -> setUp(device, intl, officer);
        inputs.addAll(List.of(device, intl, gm, officer.id, officer.name, officer.passphrase, officer.again));
        for (Control c : List.of(device, intl, gm, officer.id, officer.name, officer.passphrase, officer.again)) {
            Forms.onEnter(c, submit);
        }
        inputs.add(Forms.button(buttonRow(), messages.vault_setup_submit, ShellIds.SETUP_SUBMIT, submit));
        footer();
    }

    private void buildUnlock() {
        Forms.id(content, ShellIds.UNLOCK);
        Vault vault = vaults.vault().orElse(null);
        Forms.heading(content, messages.vault_unlock_heading);
        Forms.paragraph(content, format(messages.vault_unlock_intro, vault == null ? "" : vault.deviceName()), null);
        Label officerLabel = new Label(content, SWT.NONE);
        officerLabel.setText(messages.vault_unlock_officer);
        Combo officers = Forms.id(new Combo(content, SWT.READ_ONLY | SWT.DROP_DOWN), ShellIds.UNLOCK_OFFICER);
        List<Officer> enrolled = vault == null ? List.of() : vault.officers();
        for (Officer o : enrolled) {
            officers.add(o.name() + " (" + o.id() + ")");
        }
        if (!enrolled.isEmpty()) {
            officers.select(0);
        }
        officers.setData(enrolled);
        GridDataFactory.fillDefaults().grab(true, false).hint(360, Forms.CONTROL_HEIGHT).applyTo(officers);
        Text passphrase = Forms.field(content, messages.vault_passphrase, ShellIds.PASSPHRASE, SWT.PASSWORD, null);
        Runnable submit = () -> unlock(officers, enrolled, passphrase);
        Forms.onEnter(officers, submit);
        Forms.onEnter(passphrase, submit);
        inputs.addAll(List.of(passphrase, officers));
        inputs.add(Forms.button(buttonRow(), messages.vault_unlock_submit, ShellIds.UNLOCK_SUBMIT, submit));
        footer();
        if (vault != null && vault.failedAttempts() > 0) {
            int left = Math.max(0, vault.policy().maxFailedAttempts() - vault.failedAttempts());
            say(format(messages.vault_unlock_previousFailures, vault.failedAttempts(), left));
        }
    }

    private void buildLockedOut() {
        Forms.id(content, ShellIds.LOCKED_OUT);
        Forms.heading(content, messages.vault_lockedOut_heading);
        Forms.paragraph(content, messages.vault_lockedOut_text, null);
        footer();
    }

    private void buildWiped() {
        Forms.id(content, ShellIds.WIPED);
        Forms.heading(content, messages.vault_wiped_heading);
        Forms.paragraph(content, messages.vault_wiped_text, null);
        inputs.add(Forms.button(buttonRow(), messages.vault_wiped_setup, ShellIds.WIPED_SETUP, () -> open(Page.SETUP, true)));
        footer();
    }

    private void buildEnrol() {
        Forms.id(content, ShellIds.ENROL);
        String by = vaults.vault().flatMap(Vault::officer).map(o -> o.name() + " (" + o.id() + ")").orElse("");
        Forms.heading(content, messages.vault_enrol_heading);
        Forms.paragraph(content, format(messages.vault_enrol_intro, by), null);
        Officers officer = officerFields();
        Forms.paragraph(content, policyText(vaults.vault().map(Vault::policy).orElse(vaults.policy())), ShellIds.SETUP_POLICY);
        Runnable submit = () -> enrol(officer);
        Runnable cancel = () -> {
            page = Page.UNLOCK; // anything but ENROL, so that the unlocked state uncovers
            show(lastStatus);
        };
        inputs.addAll(List.of(officer.id, officer.name, officer.passphrase, officer.again));
        for (Control c : List.of(officer.id, officer.name, officer.passphrase, officer.again)) {
            Forms.onEnter(c, submit);
            Forms.onEscape(c, cancel);
        }
        Composite row = buttonRow();
        Button submitButton = Forms.button(row, messages.vault_enrol_submit, ShellIds.ENROL_SUBMIT, submit);
        Button cancelButton = Forms.button(row, messages.vault_cancel, ShellIds.ENROL_CANCEL, cancel);
        Forms.onEscape(submitButton, cancel);
        Forms.onEscape(cancelButton, cancel);
        inputs.addAll(List.of(submitButton, cancelButton));
        footer();
    }

    private record Officers(Text id, Text name, Text passphrase, Text again) {
    }

    private Officers officerFields() {
        Text id = Forms.field(content, messages.vault_officerId, ShellIds.OFFICER_ID, SWT.NONE, null);
        Text name = Forms.field(content, messages.vault_officerName, ShellIds.OFFICER_NAME, SWT.NONE, null);
        Text passphrase = Forms.field(content, messages.vault_passphrase, ShellIds.PASSPHRASE, SWT.PASSWORD, null);
        Text again = Forms.field(content, messages.vault_passphraseAgain, ShellIds.PASSPHRASE_AGAIN, SWT.PASSWORD, null);
        return new Officers(id, name, passphrase, again);
    }

    /** The row the page's buttons go into, under the fields. */
    private Composite buttonRow() {
        new Label(content, SWT.NONE);
        Composite buttons = new Composite(content, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(16, 0).applyTo(buttons);
        return buttons;
    }

    /** The message line and the busy bar. */
    private void footer() {
        message = Forms.id(new Label(content, SWT.WRAP), ShellIds.MESSAGE);
        Forms.cssClass(message, "problem");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(600, SWT.DEFAULT).applyTo(message);
        busy = Forms.id(new Composite(content, SWT.NONE), ShellIds.BUSY);
        GridLayoutFactory.fillDefaults().numColumns(1).applyTo(busy);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(busy);
        Label busyText = new Label(busy, SWT.NONE);
        busyText.setData("text", Boolean.TRUE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(busyText);
        ProgressBar bar = new ProgressBar(busy, SWT.INDETERMINATE | SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 24).applyTo(bar);
        busy.setVisible(false);
    }

    private void say(String text) {
        if (message != null && !message.isDisposed()) {
            message.setText(text == null ? "" : text);
            content.layout(true, true);
        }
    }

    // ---- actions ----

    private void setUp(Text device, Button intl, Officers officer) {
        if (working) {
            return;
        }
        String name = device.getText().strip();
        List<String> problems = new ArrayList<>();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 64) {
            problems.add(messages.vault_problem_deviceName);
        }
        Optional<Officer> first = officer(officer, problems);
        char[] pass = officer.passphrase.getText().toCharArray();
        char[] again = officer.again.getText().toCharArray();
        problems.addAll(passphraseProblems(pass, again));
        if (!problems.isEmpty()) {
            say(String.join("\n", problems));
            return;
        }
        CryptoSuite suite = intl.getSelection() ? CryptoSuite.INTL : CryptoSuite.GM;
        Forms.clear(officer.passphrase);
        Forms.clear(officer.again);
        run(messages.vault_setup_busy, () -> {
            try {
                vaults.setUp(name, suite, first.orElseThrow(), pass, again);
                return null;
            } finally {
                java.util.Arrays.fill(pass, '\0');
                java.util.Arrays.fill(again, '\0');
            }
        }, ignored -> {
        });
    }

    private void unlock(Combo officers, List<Officer> enrolled, Text passphraseField) {
        Vault vault = vaults.vault().orElse(null);
        if (working || vault == null || officers.getSelectionIndex() < 0) {
            return;
        }
        String officerId = enrolled.get(officers.getSelectionIndex()).id();
        char[] passphrase = passphraseField.getText().toCharArray();
        Forms.clear(passphraseField);
        run(messages.vault_unlock_busy, () -> {
            try {
                return vault.unlock(officerId, passphrase);
            } finally {
                java.util.Arrays.fill(passphrase, '\0');
            }
        }, result -> say(describe(result)));
    }

    private void enrol(Officers fields) {
        Vault vault = vaults.vault().orElse(null);
        if (working || vault == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        Optional<Officer> officer = officer(fields, problems);
        if (officer.isPresent() && vault.officers().stream().anyMatch(o -> o.id().equals(officer.get().id()))) {
            problems.add(format(messages.vault_problem_alreadyEnrolled, officer.get().id()));
        }
        char[] pass = fields.passphrase.getText().toCharArray();
        char[] again = fields.again.getText().toCharArray();
        problems.addAll(passphraseProblems(pass, again));
        if (!problems.isEmpty()) {
            say(String.join("\n", problems));
            return;
        }
        Forms.clear(fields.passphrase);
        Forms.clear(fields.again);
        Officer o = officer.orElseThrow();
        run(messages.vault_enrol_busy, () -> {
            try {
                vault.enrol(o, pass, again);
                return o;
            } finally {
                java.util.Arrays.fill(pass, '\0');
                java.util.Arrays.fill(again, '\0');
            }
        }, done -> {
            fields.id.setText("");
            fields.name.setText("");
            say(format(messages.vault_enrol_done, done.name(), done.id()));
        });
    }

    private Optional<Officer> officer(Officers fields, List<String> problems) {
        String id = fields.id.getText().strip();
        String name = fields.name.getText().strip();
        if (!Officer.isValidId(id)) {
            problems.add(messages.vault_problem_officerId);
        }
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 64) {
            problems.add(messages.vault_problem_officerName);
        }
        return problems.isEmpty() ? Optional.of(new Officer(id, name)) : Optional.empty();
    }

    private List<String> passphraseProblems(char[] pass, char[] again) {
        return words(PassphrasePolicy.check(pass, again));
    }

    private List<String> words(List<PassphrasePolicy.Problem> problems) {
        List<String> words = new ArrayList<>();
        for (PassphrasePolicy.Problem p : problems) {
            words.add(switch (p) {
                case TOO_SHORT -> format(messages.vault_problem_tooShort, PassphrasePolicy.MIN_CODE_POINTS);
                case ONLY_WHITESPACE -> messages.vault_problem_onlyWhitespace;
                case TYPED_DIFFERENTLY -> messages.vault_problem_typedDifferently;
            });
        }
        return words;
    }

    String describe(UnlockResult result) {
        return switch (result) {
            case UnlockResult.Unlocked u -> "";
            case UnlockResult.Refused r -> format(r.warn() ? messages.vault_unlock_warning : messages.vault_unlock_refused,
                    r.remainingAttempts()) + wait(r.retryAfter());
            case UnlockResult.TooSoon t -> format(messages.vault_unlock_tooSoon, seconds(t.retryAfter()));
            case UnlockResult.LockedOut l -> "";
        };
    }

    private String wait(Duration retryAfter) {
        return retryAfter.isZero() ? "" : "\n" + format(messages.vault_unlock_wait, seconds(retryAfter));
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    String policyText(VaultPolicy policy) {
        return format(messages.vault_policy, PassphrasePolicy.MIN_CODE_POINTS, policy.maxFailedAttempts(),
                policy.backoffFreeAttempts(), Math.max(1, policy.idleLock().toMinutes()));
    }

    interface Task<T> {
        T call() throws Exception;
    }

    /** Runs slow vault work off the UI thread with the busy bar showing and the inputs disabled. */
    private <T> void run(String busyText, Task<T> task, java.util.function.Consumer<T> onSuccess) {
        working = true;
        say("");
        setInputsEnabled(false);
        for (Control c : busy.getChildren()) {
            if (c instanceof Label l) {
                l.setText(busyText);
            }
        }
        busy.setVisible(true);
        content.layout(true, true);
        Page started = page;
        Thread worker = new Thread(() -> {
            Object outcome;
            try {
                outcome = new Object[] { task.call() };
            } catch (PassphraseRejectedException e) {
                outcome = e;
            } catch (Exception | Error e) { // NOSONAR shown to the officer in words
                outcome = e;
            }
            Object result = outcome;
            shell.getDisplay().asyncExec(() -> finish(started, result, onSuccess));
        }, "doorstep-vault-screen");
        worker.setDaemon(true);
        worker.start();
    }

    @SuppressWarnings("unchecked")
    private <T> void finish(Page started, Object outcome, java.util.function.Consumer<T> onSuccess) {
        working = false;
        if (root.isDisposed() || content == null || content.isDisposed() || page != started) {
            show(lastStatus);
            return;
        }
        busy.setVisible(false);
        setInputsEnabled(true);
        if (outcome instanceof Object[] value) {
            onSuccess.accept((T) value[0]);
        } else if (outcome instanceof PassphraseRejectedException e) {
            say(String.join("\n", words(e.problems())));
        } else if (outcome instanceof Throwable t) {
            say(problemText(t));
        }
        if (page == started && !message.getText().isEmpty()) {
            focusFirstInput();
        }
        show(lastStatus); // the state may have changed meanwhile (unlocked, locked out)
    }

    /**
     * A failure in the officer's words: a disk or database failure says so (nothing was kept) with the technical detail
     * for support; anything else says it was not done, with the detail.
     */
    String problemText(Throwable t) {
        String detail = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof java.io.IOException || t instanceof VaultException.Storage) {
            return format(messages.vault_problem_storage, detail);
        }
        return format(messages.vault_problem_failed, detail);
    }

    private void setInputsEnabled(boolean enabled) {
        for (Control c : inputs) {
            if (!c.isDisposed()) {
                c.setEnabled(enabled);
            }
        }
    }

    private String format(String pattern, Object... args) {
        return new MessageFormat(pattern, locale).format(args);
    }
}
