package org.doorstep.hq.console.internal.dialogs;

import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.admin.EnrolmentGrant;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.doorstep.hq.console.internal.Work;
import org.doorstep.hq.console.internal.model.Formats;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** Asks for the new laptop's device id, issues its one-time enrolment code, and shows it once. */
public final class EnrolDialog extends ConsoleDialog {

    private final AdminSession session;
    private final Work work;
    private final Runnable after;
    private final String initial;
    private Text device;

    public EnrolDialog(Shell parent, ConsoleMessages m, Formats f, AdminSession session, Work work, Runnable after) {
        this(parent, m, f, session, work, "", after);
    }

    /** For a laptop HQ knows already (a code that expired, a laptop set up again): its id filled in. */
    public EnrolDialog(Shell parent, ConsoleMessages m, Formats f, AdminSession session, Work work, String deviceId,
            Runnable after) {
        super(parent, ConsoleIds.DIALOG_ENROL, m.enrol_title, m.enrol_heading, m, f);
        this.session = session;
        this.work = work;
        this.after = after;
        this.initial = deviceId;
    }

    @Override
    protected void contents(Composite body) {
        message(body, m.enrol_intro);
        device = field(body, m.enrol_device, "device", SWT.SINGLE);
        device.setText(initial);
    }

    @Override
    protected String okText() {
        return m.enrol_ok;
    }

    @Override
    protected void ok() {
        String id = device.getText().strip();
        if (id.isEmpty()) {
            fail(m.enrol_problem_device);
            return;
        }
        Shell parent = shell.getParent().getShell();
        call(work, m.enrol_busy, () -> session.enrol(id), grant -> {
            new CodeDialog(parent, grant, m, f).open();
            after.run();
        });
    }

    /** The code, once: with the CA fingerprint the officer checks and the command the laptop's support staff type. */
    private static final class CodeDialog extends ConsoleDialog {

        private final EnrolmentGrant grant;

        CodeDialog(Shell parent, EnrolmentGrant grant, ConsoleMessages m, Formats f) {
            super(parent, ConsoleIds.DIALOG_ENROLMENT_CODE, m.enrolCode_title, f.format(m.enrolCode_heading,
                    grant.deviceId()), m, f);
            this.grant = grant;
        }

        @Override
        protected void contents(Composite body) {
            message(body, f.format(m.enrolCode_intro, f.time(grant.expiresAt())));
            value(body, m.enrolCode_code, "code", grant.code(), "code");
            value(body, m.enrolCode_ca, "ca", grant.caFingerprint().orElse(m.enrolCode_unknown), null);
            value(body, m.enrolCode_uri, "uri", grant.enrolmentUri().orElse(m.enrolCode_unknown), null);
            value(body, m.enrolCode_command, "command", "doorstep-cli.sh sync-enrol --hq "
                    + grant.enrolmentUri().orElse("<URI>") + " --code " + grant.code() + " --ca "
                    + grant.caFingerprint().orElse("<SHA256>") + " --as <officer>", null);
        }

        @Override
        protected String okText() {
            return m.enrolCode_done;
        }

        @Override
        protected boolean hasCancel() {
            return false;
        }

        @Override
        protected void ok() {
            close();
        }
    }
}
