package org.doorstep.hq.console.internal.dialogs;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.doorstep.hq.console.internal.model.Formats;
import org.doorstep.hq.console.internal.model.Problems;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

/** A message with one way back: what went wrong (in plain words, then the service's sentence), or what was done. */
public final class MessageBox extends ConsoleDialog {

    private final String text;

    private MessageBox(Shell parent, String id, String title, String heading, String text, ConsoleMessages m, Formats f) {
        super(parent, id, title, heading, m, f);
        this.text = text;
    }

    /** A refusal or failure of HQ: the headline by kind, the service's detail below it. */
    public static MessageBox problem(Shell parent, ConsoleMessages m, Formats f, AdminException e) {
        MessageBox box = new MessageBox(parent, ConsoleIds.DIALOG_ERROR, m.dialog_problemTitle, Problems.headline(e, m, f),
                Problems.detail(e, m, f), m, f);
        box.open();
        return box;
    }

    /** What an action did. */
    public static MessageBox done(Shell parent, ConsoleMessages m, Formats f, String heading, String text) {
        MessageBox box = new MessageBox(parent, ConsoleIds.DIALOG_DONE, m.dialog_doneTitle, heading, text, m, f);
        box.open();
        return box;
    }

    @Override
    protected void contents(Composite body) {
        message(body, text);
    }

    @Override
    protected String okText() {
        return m.dialog_back;
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
