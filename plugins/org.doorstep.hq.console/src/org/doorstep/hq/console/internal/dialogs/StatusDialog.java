package org.doorstep.hq.console.internal.dialogs;

import java.util.Arrays;
import java.util.Optional;

import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.admin.CaseView;
import org.doorstep.hq.admin.StatusUpdate;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.doorstep.hq.console.internal.Work;
import org.doorstep.hq.console.internal.model.Formats;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** Tells the laptop where a case it delivered stands (a return with a reason goes through review instead). */
public final class StatusDialog extends ConsoleDialog {

    private static final StatusUpdate[] STATUSES = Arrays.stream(StatusUpdate.values())
            .filter(s -> s != StatusUpdate.RETURNED).toArray(StatusUpdate[]::new);

    private final CaseView stored;
    private final AdminSession session;
    private final Work work;
    private final Runnable after;
    private Combo status;
    private Text note;

    public StatusDialog(Shell parent, ConsoleMessages m, Formats f, CaseView stored, AdminSession session, Work work,
            Runnable after) {
        super(parent, ConsoleIds.DIALOG_STATUS, m.status_title, f.format(m.status_heading, stored.caseId(),
                stored.deviceId()), m, f);
        this.stored = stored;
        this.session = session;
        this.work = work;
        this.after = after;
    }

    @Override
    protected void contents(Composite body) {
        message(body, m.status_intro);
        String[] labels = Arrays.stream(STATUSES).map(f::status).toArray(String[]::new);
        status = choice(body, m.status_value, "value", labels);
        note = field(body, m.status_note, "note", SWT.MULTI | SWT.WRAP);
    }

    @Override
    protected String okText() {
        return m.status_ok;
    }

    @Override
    protected void ok() {
        StatusUpdate s = STATUSES[Math.max(0, status.getSelectionIndex())];
        String text = Optional.of(note.getText().strip()).filter(t -> !t.isEmpty()).orElse(null);
        Shell parent = shell.getParent().getShell();
        call(work, m.status_busy, () -> session.sendStatus(stored.packetId(), s, text), command -> {
            MessageBox.done(parent, m, f, m.status_done_heading, f.format(m.status_done_text, f.status(s), stored.deviceId()));
            after.run();
        });
    }
}
