package org.doorstep.hq.console.internal.parts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.doorstep.hq.admin.CaseQuery;
import org.doorstep.hq.admin.CaseView;
import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.HqCaseState;
import org.doorstep.hq.console.Area;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.Ui;
import org.doorstep.hq.console.internal.dialogs.StatusDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The cases HQ stored, newest first, filtered by laptop, by the days HQ stored them and by state; a status update
 * for a delivered case to its laptop; the CSV export of what is listed.
 */
public class CasesPart extends AreaPart {

    private static final HqCaseState[] STATES = HqCaseState.values();
    private static final int LIMIT = 2000;

    private Combo device;
    private Text from;
    private Text to;
    private Combo state;
    private Label count;
    private Table table;
    private Button export;
    private List<CaseView> cases = List.of();

    @Override
    protected Area area() {
        return Area.CASES;
    }

    @Override
    protected void build(Composite parent) {
        Ui.heading(parent, m.cases_heading);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(9).spacing(10, 0).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        Ui.label(bar, m.filter_device);
        device = Ui.combo(bar, ConsoleIds.CASES_DEVICE, m.all);
        Ui.label(bar, m.filter_from);
        from = Ui.text(bar, ConsoleIds.CASES_FROM, SWT.SINGLE);
        from.setMessage(m.filter_dayHint);
        Ui.label(bar, m.filter_to);
        to = Ui.text(bar, ConsoleIds.CASES_TO, SWT.SINGLE);
        to.setMessage(m.filter_dayHint);
        Ui.label(bar, m.filter_state);
        String[] states = new String[STATES.length + 1];
        states[0] = m.all;
        for (int i = 0; i < STATES.length; i++) {
            states[i + 1] = formats.state(STATES[i]);
        }
        state = Ui.combo(bar, ConsoleIds.CASES_STATE, states);
        Ui.button(bar, ConsoleIds.CASES_SEARCH, m.filter_search, this::search);
        for (Text t : new Text[] {from, to}) {
            GridDataFactory.fillDefaults().hint(150, SWT.DEFAULT).applyTo(t);
            Ui.onEnter(t, this::search);
        }
        count = Ui.paragraph(parent, ConsoleIds.CASES_COUNT, "");
        table = Ui.table(parent, ConsoleIds.CASES_TABLE, SWT.SINGLE, m.case_col_case, m.case_col_device,
                m.case_col_officer, m.case_col_state, m.case_col_created, m.case_col_stored,
                m.case_col_captureToReceipt, m.case_col_size, m.case_col_flags, m.case_col_review, m.case_col_status);
        table.addListener(SWT.Selection, e -> updateActions());
        Composite row = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 0).applyTo(row);
        action(Ui.button(row, ConsoleIds.CASES_SEND_STATUS, m.cases_sendStatus, this::sendStatus),
                () -> selected().isPresent());
        export = Ui.button(row, ConsoleIds.CASES_EXPORT, m.export_csv, this::export);
        export.setEnabled(false);
    }

    @Override
    protected void sessionChanged() {
        if (session == null) {
            cases = List.of();
            table.removeAll();
            count.setText("");
        }
    }

    @Override
    protected void boardChanged(DeviceBoard b) {
        Filters.devices(device, b, m.all);
    }

    @Override
    protected void shown() {
        search();
    }

    private void search() {
        if (session == null) {
            return;
        }
        Optional<Filters.Days> typed = days(from, to);
        if (typed.isEmpty()) {
            return;
        }
        Filters.Days days = typed.get();
        int s = state.getSelectionIndex();
        CaseQuery query = new CaseQuery(Filters.device(device), days.first(), days.last(),
                s <= 0 ? Optional.empty() : Optional.of(STATES[s - 1]), LIMIT);
        var current = session;
        call(m.cases_loading, () -> current.cases(query), this::fill);
    }

    private void fill(List<CaseView> list) {
        cases = list;
        table.removeAll();
        for (CaseView c : list) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] {c.caseId(), c.deviceId(), c.officer().orElse(m.none), formats.state(c.state()),
                formats.time(c.createdAt()), formats.time(c.storedAt()), formats.age(c.captureToReceipt()),
                formats.bytes(c.bytes()), c.flags().stream().map(fl -> formats.flag(fl.kind())).distinct()
                        .collect(Collectors.joining(", ")), c.review().orElse(""), c.lastStatus().orElse("")});
            item.setData(c);
        }
        Ui.pack(table);
        count.setText(formats.format(list.size() >= LIMIT ? m.cases_countLimited : m.cases_count, list.size()));
        export.setEnabled(!list.isEmpty());
        root.layout(true, true);
        updateActions();
    }

    private Optional<CaseView> selected() {
        int i = table.getSelectionIndex();
        return i >= 0 && i < cases.size() ? Optional.of(cases.get(i)) : Optional.empty();
    }

    private void sendStatus() {
        selected().ifPresent(c -> new StatusDialog(root.getShell(), m, formats, c, session, work, this::search).open());
    }

    private void export() {
        List<CaseView> shown = cases;
        Optional<Path> file = Exports.choose(context, root.getShell(), "cases.csv", m);
        if (file.isEmpty()) {
            return;
        }
        List<String> header = List.of(m.case_col_case, m.case_col_packet, m.case_col_device, m.case_col_officer,
                m.case_col_state, m.case_col_created, m.case_col_sealed, m.case_col_stored,
                m.case_col_captureToReceiptSeconds, m.case_col_bytes, m.case_col_flags, m.case_col_review,
                m.case_col_status);
        List<List<String>> rows = new ArrayList<>();
        for (CaseView c : shown) {
            rows.add(List.of(c.caseId(), c.packetId().toString(), c.deviceId(), c.officer().orElse(""), c.state().id(),
                    c.createdAt().map(formats::time).orElse(""), formats.time(c.sealedAt()), formats.time(c.storedAt()),
                    c.captureToReceipt().map(d -> Long.toString(d.getSeconds())).orElse(""), Long.toString(c.bytes()),
                    c.flags().stream().map(fl -> fl.kind() + ":" + fl.subject()).collect(Collectors.joining(" ")),
                    c.review().orElse(""), c.lastStatus().orElse("")));
        }
        Exports.write(this, file.get(), "cases", header, rows);
    }
}
