package org.doorstep.hq.console.internal.parts;

import java.util.List;
import java.util.Optional;

import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.RejectView;
import org.doorstep.hq.console.Area;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.Ui;
import org.doorstep.hq.console.internal.dialogs.MessageBox;
import org.doorstep.hq.console.internal.model.BoardView;
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
 * Packets HQ rejected, newest first, with the reason the laptop was told and HQ's detail, and whether a resend was
 * asked for; asking the laptop to send a rejected packet's case again.
 */
public class RejectsPart extends AreaPart {

    private static final int LIMIT = 1000;

    private Combo device;
    private Label count;
    private Table table;
    private Text note;
    private List<RejectView> rejects = List.of();
    private long rejectedSeen = -1;

    @Override
    protected Area area() {
        return Area.REJECTS;
    }

    @Override
    protected void build(Composite parent) {
        Ui.heading(parent, m.rejects_heading);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).spacing(10, 0).applyTo(bar);
        Ui.label(bar, m.filter_device);
        device = Ui.combo(bar, ConsoleIds.REJECTS_DEVICE, m.all);
        GridDataFactory.fillDefaults().hint(240, SWT.DEFAULT).applyTo(device);
        device.addListener(SWT.Selection, e -> load());
        Ui.button(bar, ConsoleIds.REJECTS_REFRESH, m.filter_search, this::load);
        count = Ui.paragraph(parent, ConsoleIds.REJECTS_COUNT, "");
        table = Ui.table(parent, ConsoleIds.REJECTS_TABLE, SWT.SINGLE, m.reject_col_time, m.reject_col_device,
                m.reject_col_packet, m.reject_col_reason, m.reject_col_detail, m.reject_col_resend);
        table.addListener(SWT.Selection, e -> updateActions());
        Composite row = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).spacing(12, 0).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
        Ui.label(row, m.rejects_note);
        note = Ui.text(row, ConsoleIds.REJECTS_NOTE, SWT.SINGLE);
        action(note, () -> resendable().isPresent());
        action(Ui.button(row, ConsoleIds.REJECTS_RESEND, m.rejects_resend, this::resend), () -> resendable().isPresent());
    }

    @Override
    protected void sessionChanged() {
        if (session == null) {
            rejects = List.of();
            table.removeAll();
            count.setText("");
            rejectedSeen = -1;
        }
    }

    @Override
    protected void boardChanged(DeviceBoard b) {
        Filters.devices(device, b, m.all);
        if (changeKey(b) != rejectedSeen && root.isVisible()) {
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
        rejectedSeen = board == null ? -1 : changeKey(board);
        var current = session;
        Optional<String> which = Filters.device(device);
        call(m.rejects_loading, () -> current.rejects(which, LIMIT), this::fill);
    }

    /** Changes when a rejection is recorded or a command (a resend among them) is queued or answered. */
    private static long changeKey(DeviceBoard b) {
        BoardView.Totals t = BoardView.totals(b.devices(), b);
        return t.rejected() + t.pendingCommands();
    }

    private void fill(List<RejectView> list) {
        long selected = selected().map(RejectView::id).orElse(-1L);
        rejects = list;
        table.removeAll();
        for (RejectView r : list) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] {formats.time(r.rejectedAt()), r.deviceId(),
                r.packetId().map(Object::toString).orElse(m.rejects_noPacket), formats.rejectReason(r.reason()),
                r.detail() == null ? "" : r.detail(),
                r.resend().map(c -> formats.format(m.rejects_resendState, formats.state(c.state()),
                        formats.time(c.requestedAt()))).orElse("")});
            item.setData(r);
            if (r.id() == selected) {
                table.setSelection(item);
            }
        }
        Ui.pack(table);
        count.setText(formats.format(list.size() >= LIMIT ? m.rejects_countLimited : m.rejects_count, list.size()));
        root.layout(true, true);
        updateActions();
    }

    private Optional<RejectView> selected() {
        int i = table.getSelectionIndex();
        return i >= 0 && i < rejects.size() ? Optional.of(rejects.get(i)) : Optional.empty();
    }

    /** A selected rejection of a packet (a message HQ could not attribute to a packet cannot be resent). */
    private Optional<RejectView> resendable() {
        return selected().filter(r -> r.packetId().isPresent());
    }

    private void resend() {
        resendable().ifPresent(r -> {
            String text = note.getText().strip();
            var current = session;
            call(m.rejects_busy, () -> current.requestResend(r.packetId().get(), text.isEmpty() ? null : text),
                    command -> {
                        note.setText("");
                        MessageBox.done(root.getShell(), m, formats, m.rejects_done_heading,
                                formats.format(m.rejects_done_text, r.deviceId(), r.packetId().get()));
                        load();
                    });
        });
    }
}
