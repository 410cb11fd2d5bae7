package org.doorstep.hq.console.internal.parts;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.CaseFlag;
import org.doorstep.hq.admin.CaseView;
import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.console.Area;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.Ui;
import org.doorstep.hq.console.internal.dialogs.MessageBox;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * Cases whose exceptions wait for a reviewer (a photo kept against the checks, fingers missing, materials accepted
 * pending), oldest first: each exception in words, and the decision: approve (the laptop is told "accepted"), or
 * return with a reason the officer sees on the case.
 */
public class ReviewPart extends AreaPart {

    private Label count;
    private Table table;
    private Table flags;
    private Text note;
    private List<CaseView> queue = List.of();
    private long deliveredSeen = -1;

    @Override
    protected Area area() {
        return Area.REVIEW;
    }

    @Override
    protected void build(Composite parent) {
        Ui.heading(parent, m.review_heading);
        count = Ui.paragraph(parent, ConsoleIds.REVIEW_COUNT, "");
        table = Ui.table(parent, ConsoleIds.REVIEW_TABLE, SWT.SINGLE, m.case_col_case, m.case_col_device,
                m.case_col_officer, m.case_col_stored, m.case_col_flags);
        table.addListener(SWT.Selection, e -> showFlags());
        Ui.subheading(parent, m.review_flagsHeading);
        flags = Ui.table(parent, ConsoleIds.REVIEW_FLAGS, SWT.SINGLE, m.review_col_kind, m.review_col_subject,
                m.review_col_detail);
        GridDataFactory.fillDefaults().grab(true, false).hint(400, 150).applyTo(flags);
        Composite decision = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 8).applyTo(decision);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(decision);
        Ui.label(decision, m.review_note);
        note = Ui.text(decision, ConsoleIds.REVIEW_NOTE, SWT.MULTI | SWT.WRAP);
        action(note, () -> selected().isPresent());
        new Label(decision, SWT.NONE);
        Composite buttons = new Composite(decision, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 0).applyTo(buttons);
        action(Ui.button(buttons, ConsoleIds.REVIEW_APPROVE, m.review_approve, this::approve), () -> selected().isPresent());
        action(Ui.button(buttons, ConsoleIds.REVIEW_RETURN, m.review_return, this::returnCase),
                () -> selected().isPresent());
    }

    @Override
    protected void sessionChanged() {
        if (session == null) {
            queue = List.of();
            table.removeAll();
            flags.removeAll();
            count.setText("");
            deliveredSeen = -1;
        }
    }

    @Override
    protected void boardChanged(DeviceBoard b) {
        // newly stored cases may need review: read the queue again when the board counts more of them
        if (b.totalDelivered() != deliveredSeen && root.isVisible()) {
            load();
        }
    }

    @Override
    protected void shown() {
        load();
    }

    private void load() {
        if (session == null) {
            return;
        }
        deliveredSeen = board == null ? -1 : board.totalDelivered();
        var current = session;
        call(m.review_loading, current::reviewQueue, this::fill);
    }

    private void fill(List<CaseView> list) {
        String selectedPacket = selected().map(c -> c.packetId().toString()).orElse(null);
        queue = list;
        table.removeAll();
        for (CaseView c : list) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] {c.caseId(), c.deviceId(), c.officer().orElse(m.none), formats.time(c.storedAt()),
                c.flags().stream().map(f -> formats.flag(f.kind())).distinct().collect(Collectors.joining(", "))});
            item.setData(c);
            if (c.packetId().toString().equals(selectedPacket)) {
                table.setSelection(item);
            }
        }
        Ui.pack(table);
        count.setText(formats.format(m.review_count, list.size()));
        showFlags();
        root.layout(true, true);
    }

    private Optional<CaseView> selected() {
        int i = table.getSelectionIndex();
        return i >= 0 && i < queue.size() ? Optional.of(queue.get(i)) : Optional.empty();
    }

    private void showFlags() {
        flags.removeAll();
        selected().ifPresent(c -> {
            for (CaseFlag f : c.flags()) {
                TableItem item = new TableItem(flags, SWT.NONE);
                item.setText(new String[] {formats.flag(f.kind()), f.subject(), f.detail()});
            }
            Ui.pack(flags);
        });
        updateActions();
    }

    private void approve() {
        selected().ifPresent(c -> {
            String text = note.getText().strip();
            var current = session;
            call(m.review_busy, () -> current.approve(c.packetId(), text.isEmpty() ? null : text), command -> {
                note.setText("");
                MessageBox.done(root.getShell(), m, formats, m.review_approved_heading,
                        formats.format(m.review_approved_text, c.caseId(), c.deviceId()));
                load();
            });
        });
    }

    private void returnCase() {
        selected().ifPresent(c -> {
            String reason = note.getText().strip();
            if (reason.isEmpty()) {
                showProblem(new AdminException(AdminException.Kind.INPUT, m.review_problem_reason));
                note.setFocus();
                return;
            }
            var current = session;
            call(m.review_busy, () -> current.returnCase(c.packetId(), reason), command -> {
                note.setText("");
                MessageBox.done(root.getShell(), m, formats, m.review_returned_heading,
                        formats.format(m.review_returned_text, c.caseId(), c.deviceId(), reason));
                load();
            });
        });
    }
}
