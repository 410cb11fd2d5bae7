package org.doorstep.hq.console.internal.dialogs;

import java.util.Optional;

import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.doorstep.hq.console.internal.Work;
import org.doorstep.hq.console.internal.model.Formats;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Sends a laptop the remote wipe: every key and case on it destroyed when it next comes online. With a reason and an
 * explicit confirmation; the device area then tracks the wipe from pending to confirmed.
 */
public final class WipeDialog extends ConsoleDialog {

    private final String device;
    private final AdminSession session;
    private final Work work;
    private final Runnable after;
    private Text reason;
    private Button confirm;

    public WipeDialog(Shell parent, ConsoleMessages m, Formats f, String device, AdminSession session, Work work,
            Runnable after) {
        super(parent, ConsoleIds.DIALOG_WIPE, m.wipe_title, f.format(m.wipe_heading, device), m, f);
        this.device = device;
        this.session = session;
        this.work = work;
        this.after = after;
    }

    @Override
    protected void contents(Composite body) {
        message(body, m.wipe_warning);
        reason = field(body, m.wipe_reason, "reason", SWT.MULTI | SWT.WRAP);
        confirm = check(body, f.format(m.wipe_confirm, device), "confirm");
    }

    @Override
    protected String okText() {
        return m.wipe_ok;
    }

    @Override
    protected void ok() {
        Optional<String> confirmed = confirmedReason(reason, confirm);
        if (confirmed.isEmpty()) {
            return;
        }
        String why = confirmed.get();
        Shell parent = shell.getParent().getShell();
        call(work, m.wipe_busy, () -> session.wipe(device, why), command -> {
            MessageBox.done(parent, m, f, f.format(m.wipe_done_heading, device), m.wipe_done_text);
            after.run();
        });
    }
}
