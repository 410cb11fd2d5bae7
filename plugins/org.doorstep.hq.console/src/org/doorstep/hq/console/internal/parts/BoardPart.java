package org.doorstep.hq.console.internal.parts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.DeviceState;
import org.doorstep.hq.admin.DeviceView;
import org.doorstep.hq.console.Area;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.ConsoleAddon;
import org.doorstep.hq.console.internal.Ui;
import org.doorstep.hq.console.internal.dialogs.EnrolDialog;
import org.doorstep.hq.console.internal.model.BoardView;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
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

import jakarta.inject.Inject;

/**
 * The device board: every laptop HQ knows with its officers, state, last heartbeat, backlog, oldest unsent case,
 * versions and counts, live (a new board replaces the rows as heartbeats and packets arrive; the table is virtual, so
 * only the rows on screen are written), filtered by a text and a state, with the count and totals of what is shown.
 * From here: a laptop's details (Enter or double-click), a new laptop's enrolment code, the CSV export.
 */
public class BoardPart extends AreaPart {

    /** Rows the columns are fitted to (more than a screen shows). */
    private static final int FITTED_ROWS = 60;

    /** Column order of the board's table (and of its CSV). */
    public static final int COL_DEVICE = 0;
    public static final int COL_OFFICERS = 1;
    public static final int COL_STATE = 2;
    public static final int COL_HEARTBEAT = 3;
    public static final int COL_BACKLOG = 4;
    public static final int COL_BACKLOG_SIZE = 5;
    public static final int COL_OLDEST = 6;
    public static final int COL_SOFTWARE = 7;
    public static final int COL_CATALOGUE = 8;
    public static final int COL_DELIVERED = 9;
    public static final int COL_REJECTED = 10;
    public static final int COL_COMMANDS = 11;

    private static final DeviceState[] STATES = DeviceState.values();

    @Inject
    private EPartService parts;

    private Text filter;
    private Combo state;
    private Table table;
    private Label totals;
    private Button open;
    private Button export;
    private List<DeviceView> rows = List.of();
    private boolean columnsFitted;

    @Override
    protected Area area() {
        return Area.DEVICES;
    }

    @Override
    protected void build(Composite parent) {
        Ui.heading(parent, m.board_heading);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(7).spacing(12, 0).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        Ui.label(bar, m.board_filter);
        filter = Ui.text(bar, ConsoleIds.BOARD_FILTER, SWT.SINGLE | SWT.SEARCH);
        filter.setMessage(m.board_filterHint);
        filter.addListener(SWT.Modify, e -> refill());
        Ui.label(bar, m.board_state);
        String[] states = new String[STATES.length + 1];
        states[0] = m.all;
        for (int i = 0; i < STATES.length; i++) {
            states[i + 1] = formats.state(STATES[i]);
        }
        state = Ui.combo(bar, ConsoleIds.BOARD_STATE, states);
        state.addListener(SWT.Selection, e -> refill());
        open = Ui.button(bar, ConsoleIds.BOARD_OPEN, m.board_open, this::openSelected);
        action(Ui.button(bar, ConsoleIds.BOARD_ENROL, m.board_enrol, this::enrol), () -> true);
        export = Ui.button(bar, ConsoleIds.BOARD_EXPORT, m.export_csv, this::export);

        table = Ui.table(parent, ConsoleIds.BOARD_TABLE, SWT.VIRTUAL | SWT.SINGLE, m.board_col_device,
                m.board_col_officers, m.board_col_state, m.board_col_heartbeat, m.board_col_backlog,
                m.board_col_backlogSize, m.board_col_oldest, m.board_col_software, m.board_col_catalogue,
                m.board_col_delivered, m.board_col_rejected, m.board_col_commands);
        table.addListener(SWT.SetData, e -> {
            TableItem item = (TableItem) e.item;
            int index = table.indexOf(item);
            if (index >= 0 && index < rows.size()) {
                item.setText(cells(rows.get(index)));
                item.setData(rows.get(index));
            }
        });
        table.addListener(SWT.Selection, e -> updateButtons());
        table.addListener(SWT.DefaultSelection, e -> openSelected());
        totals = Ui.paragraph(parent, ConsoleIds.BOARD_TOTALS, m.board_waiting);
        updateButtons();
    }

    /** After a theme switch the rows are asked for again (see {@link ConsoleAddon#THEME_GENERATION}). */
    @jakarta.inject.Inject
    public void themeChanged(@org.eclipse.e4.core.di.annotations.Optional
            @jakarta.inject.Named(ConsoleAddon.THEME_GENERATION) Integer generation) {
        if (generation != null && alive() && table != null) {
            table.clearAll();
        }
    }

    /** The texts of one row, as the table shows them. */
    public String[] cells(DeviceView d) {
        var now = board == null ? java.time.Instant.now() : board.readAt();
        return new String[] {d.deviceId(), String.join(", ", d.officers()), formats.state(d.state()),
            formats.timeAndAge(d.lastHeartbeat(), now), formats.count(d.backlogCases()), formats.bytes(d.backlogBytes()),
            formats.age(d.oldestUnsentAt(now)), d.softwareVersion().orElse(m.none),
            d.catalogueVersion().map(String::valueOf).orElse(m.none), formats.count(d.delivered()),
            formats.count(d.rejected()), formats.count(d.pendingCommands())};
    }

    @Override
    protected void sessionChanged() {
        if (session == null) {
            rows = List.of();
            table.setItemCount(0);
            totals.setText(m.board_waiting);
        }
        updateButtons();
    }

    @Override
    protected void boardChanged(DeviceBoard b) {
        refill();
    }

    private void refill() {
        if (board == null || session == null) {
            return;
        }
        String selected = selectedDevice().orElse(null);
        int index = state.getSelectionIndex();
        Optional<DeviceState> wanted = index <= 0 ? Optional.empty() : Optional.of(STATES[index - 1]);
        rows = BoardView.filter(board, filter.getText(), wanted);
        table.setItemCount(rows.size());
        table.clearAll();
        table.deselectAll();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).deviceId().equals(selected)) {
                table.select(i);
                break;
            }
        }
        if (!columnsFitted && !rows.isEmpty()) {
            columnsFitted = true;
            // fills the first screenful of rows, so that the columns fit their content; the virtual table fills the
            // others only when they scroll into view
            for (int i = 0; i < Math.min(table.getItemCount(), FITTED_ROWS); i++) {
                table.getItem(i);
            }
            Ui.pack(table);
        }
        BoardView.Totals t = BoardView.totals(rows, board);
        totals.setText(board.devices().isEmpty() ? m.board_empty : formats.format(t.shown() == t.all() ? m.board_totals
                : m.board_totalsFiltered, t.shown(), t.all(), formats.count(t.backlogCases()), formats.bytes(t.backlogBytes()),
                formats.count(t.delivered()), formats.count(t.rejected()), formats.count(t.pendingCommands())));
        totals.getParent().layout(true, true);
        updateButtons();
    }

    private Optional<String> selectedDevice() {
        int i = table.getSelectionIndex();
        return i >= 0 && i < rows.size() ? Optional.of(rows.get(i).deviceId()) : Optional.empty();
    }

    private void updateButtons() {
        open.setEnabled(session != null && selectedDevice().isPresent());
        export.setEnabled(session != null && !rows.isEmpty());
        updateActions();
    }

    private void openSelected() {
        selectedDevice().ifPresent(id -> {
            context.get(ConsoleAddon.class).selectDevice(id);
            AreaNavigator.show(parts, Area.DEVICE);
        });
    }

    private void enrol() {
        if (isAdmin()) {
            new EnrolDialog(root.getShell(), m, formats, session, work, () -> {
            }).open();
        }
    }

    private void export() {
        List<DeviceView> shown = rows;
        DeviceBoard at = board;
        Optional<Path> file = Exports.choose(context, root.getShell(), "devices.csv", m);
        if (file.isEmpty()) {
            return;
        }
        List<String> header = List.of(m.board_col_device, m.board_col_officers, m.board_col_state,
                m.board_col_heartbeat, m.board_col_backlog, m.board_col_backlogBytes, m.board_col_oldestSeconds,
                m.board_col_software, m.board_col_catalogue, m.board_col_delivered, m.board_col_rejected,
                m.board_col_commands);
        List<List<String>> lines = new ArrayList<>();
        for (DeviceView d : shown) {
            lines.add(List.of(d.deviceId(), String.join(" ", d.officers()), d.state().id(),
                    d.lastHeartbeat().map(formats::time).orElse(""), Integer.toString(d.backlogCases()),
                    Long.toString(d.backlogBytes()),
                    d.oldestUnsentAt(at.readAt()).map(x -> Long.toString(x.getSeconds())).orElse(""),
                    d.softwareVersion().orElse(""), d.catalogueVersion().map(String::valueOf).orElse(""),
                    Long.toString(d.delivered()), Long.toString(d.rejected()), Integer.toString(d.pendingCommands())));
        }
        Exports.write(this, file.get(), "devices", header, lines);
    }

    @Override
    protected void shown() {
        table.setFocus();
    }
}
