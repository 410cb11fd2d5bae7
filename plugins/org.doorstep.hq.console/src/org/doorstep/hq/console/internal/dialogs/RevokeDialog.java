package org.doorstep.hq.console.internal.dialogs;

import java.util.Optional;

import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.admin.RevocationResult;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.doorstep.hq.console.internal.Work;
import org.doorstep.hq.console.internal.model.Formats;
import org.doorstep.sync.pki.RevocationReason;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Revokes a laptop, which cannot be undone: with a reason, the CRL's reason code, and an explicit confirmation. Says
 * afterwards whether the HQ service has put the new CRL in force at the broker yet.
 */
public final class RevokeDialog extends ConsoleDialog {

    private static final RevocationReason[] REASONS = {RevocationReason.KEY_COMPROMISE,
        RevocationReason.CESSATION_OF_OPERATION, RevocationReason.AFFILIATION_CHANGED, RevocationReason.SUPERSEDED,
        RevocationReason.UNSPECIFIED};

    private final String device;
    private final AdminSession session;
    private final Work work;
    private final Runnable after;
    private Text reason;
    private Combo crlReason;
    private Button confirm;

    public RevokeDialog(Shell parent, ConsoleMessages m, Formats f, String device, AdminSession session, Work work,
            Runnable after) {
        super(parent, ConsoleIds.DIALOG_REVOKE, m.revoke_title, f.format(m.revoke_heading, device), m, f);
        this.device = device;
        this.session = session;
        this.work = work;
        this.after = after;
    }

    @Override
    protected void contents(Composite body) {
        message(body, m.revoke_warning);
        reason = field(body, m.revoke_reason, "reason", SWT.MULTI | SWT.WRAP);
        String[] labels = new String[REASONS.length];
        for (int i = 0; i < REASONS.length; i++) {
            labels[i] = f.crlReason(REASONS[i]);
        }
        crlReason = choice(body, m.revoke_crlReason, "crlReason", labels);
        confirm = check(body, f.format(m.revoke_confirm, device), "confirm");
    }

    @Override
    protected String okText() {
        return m.revoke_ok;
    }

    @Override
    protected void ok() {
        Optional<String> confirmed = confirmedReason(reason, confirm);
        if (confirmed.isEmpty()) {
            return;
        }
        String why = confirmed.get();
        RevocationReason code = REASONS[Math.max(0, crlReason.getSelectionIndex())];
        Shell parent = shell.getParent().getShell();
        call(work, m.revoke_busy, () -> session.revoke(device, code, why), (RevocationResult r) -> {
            MessageBox.done(parent, m, f, f.format(m.revoke_done_heading, device),
                    f.format(r.crlPublished() ? m.revoke_done_crl : m.revoke_done_crlPending, r.certificates()));
            after.run();
        });
    }
}
