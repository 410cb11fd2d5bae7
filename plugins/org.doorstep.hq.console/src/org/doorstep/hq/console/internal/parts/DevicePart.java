package org.doorstep.hq.console.internal.parts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.doorstep.hq.admin.CommandView;
import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.admin.DeviceState;
import org.doorstep.hq.admin.DeviceView;
import org.doorstep.hq.console.Area;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.ConsoleAddon;
import org.doorstep.hq.console.internal.Ui;
import org.doorstep.hq.console.internal.dialogs.EnrolDialog;
import org.doorstep.hq.console.internal.dialogs.RevokeDialog;
import org.doorstep.hq.console.internal.dialogs.WipeDialog;
import org.doorstep.hq.console.internal.dialogs.WorkOrderDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * One laptop: everything the board knows of it, the remote wipe tracked from "pending" to "wiped" (as the board
 * changes when its signed confirmation arrives), its commands and where each stands, and the actions on it: revoke,
 * remote wipe, a home-visit work order. The laptop is the one opened from the board or chosen here.
 */
public class DevicePart extends AreaPart {

    private static final String[] FACTS = {"state", "officers", "heartbeat", "backlog", "oldest", "software",
        "catalogue", "delivered", "rejected", "commands", "certificate", "revoked"};

    private Combo chooser;
    private Label heading;
    private final Map<String, Label> facts = new LinkedHashMap<>();
    private Label wipeState;
    private Table commands;
    private String deviceId;
    private DeviceView shownDevice;
    private String commandsKey = "";

    @Override
    protected Area area() {
        return Area.DEVICE;
    }

    @Override
    protected void build(Composite parent) {
        Composite top = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).spacing(12, 0).applyTo(top);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(top);
        heading = Ui.id(Ui.heading(top, m.device_none), ConsoleIds.DEVICE_HEADING);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(heading);
        Ui.label(top, m.device_choose);
        chooser = Ui.combo(top, ConsoleIds.DEVICE_CHOOSER);
        GridDataFactory.fillDefaults().hint(260, SWT.DEFAULT).applyTo(chooser);
        chooser.addListener(SWT.Selection, e -> {
            int i = chooser.getSelectionIndex();
            if (i >= 0) {
                context.get(ConsoleAddon.class).selectDevice(chooser.getItem(i));
            }
        });

        Composite grid = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).spacing(16, 6).applyTo(grid);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(grid);
        for (String fact : FACTS) {
            Ui.label(grid, label(fact));
            Label value = Ui.id(new Label(grid, SWT.NONE), ConsoleIds.DEVICE_FACT + fact);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(value);
            facts.put(fact, value);
        }
        Ui.subheading(parent, m.device_wipeHeading);
        wipeState = Ui.paragraph(parent, ConsoleIds.DEVICE_WIPE_STATE, "");

        Composite actionsRow = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).spacing(12, 0).applyTo(actionsRow);
        action(Ui.button(actionsRow, ConsoleIds.DEVICE_WORK_ORDER, m.device_workOrder, this::workOrder),
                () -> state() == DeviceState.ACTIVE);
        action(Ui.button(actionsRow, ConsoleIds.DEVICE_ENROL, m.device_enrol, this::enrol),
                () -> state() == DeviceState.ENROLLING || state() == DeviceState.ACTIVE);
        action(Ui.button(actionsRow, ConsoleIds.DEVICE_WIPE, m.device_wipe, this::wipe),
                () -> state() == DeviceState.ACTIVE);
        action(Ui.button(actionsRow, ConsoleIds.DEVICE_REVOKE, m.device_revoke, this::revoke),
                () -> shownDevice != null && shownDevice.revokedAt().isEmpty() && state() != DeviceState.ENROLLING);

        Ui.subheading(parent, m.device_commandsHeading);
        commands = Ui.table(parent, ConsoleIds.DEVICE_COMMANDS, SWT.SINGLE, m.command_col_id, m.command_col_type,
                m.command_col_state, m.command_col_reference, m.command_col_requested, m.command_col_sent,
                m.command_col_answered, m.command_col_outcome);
        show();
    }

    private String label(String fact) {
        return switch (fact) {
            case "state" -> m.board_col_state;
            case "officers" -> m.board_col_officers;
            case "heartbeat" -> m.board_col_heartbeat;
            case "backlog" -> m.board_col_backlog;
            case "oldest" -> m.board_col_oldest;
            case "software" -> m.board_col_software;
            case "catalogue" -> m.board_col_catalogue;
            case "delivered" -> m.board_col_delivered;
            case "rejected" -> m.board_col_rejected;
            case "commands" -> m.board_col_commands;
            case "certificate" -> m.device_certificate;
            default -> m.device_revokedAt;
        };
    }

    @Inject
    public void selected(@org.eclipse.e4.core.di.annotations.Optional @Named(ConsoleAddon.SELECTED_DEVICE) String id) {
        deviceId = id;
        commandsKey = "";
        if (alive()) {
            show();
        }
    }

    @Override
    protected void sessionChanged() {
        if (session == null) {
            commands.removeAll();
            commandsKey = "";
        }
        show();
    }

    @Override
    protected void boardChanged(DeviceBoard b) {
        if (root.isVisible()) {
            show(); // a hidden area catches up when it is shown
        }
    }

    @Override
    protected void shown() {
        commandsKey = "";
        show();
    }

    private DeviceState state() {
        return shownDevice == null ? null : shownDevice.state();
    }

    private void show() {
        if (board != null) {
            String[] ids = board.devices().stream().map(DeviceView::deviceId).toArray(String[]::new);
            if (!java.util.Arrays.equals(ids, chooser.getItems())) {
                chooser.setItems(ids);
            }
        }
        shownDevice = deviceId == null || board == null || session == null ? null : board.device(deviceId).orElse(null);
        if (deviceId != null) {
            int i = java.util.Arrays.asList(chooser.getItems()).indexOf(deviceId);
            if (i >= 0 && chooser.getSelectionIndex() != i) {
                chooser.select(i);
            }
        }
        DeviceView d = shownDevice;
        heading.setText(d == null ? m.device_none : formats.format(m.device_heading, d.deviceId()));
        if (d == null) {
            facts.values().forEach(l -> l.setText(""));
            wipeState.setText("");
        } else {
            var now = board.readAt();
            facts.get("state").setText(formats.state(d.state()));
            facts.get("officers").setText(d.officers().isEmpty() ? m.none : String.join(", ", d.officers()));
            facts.get("heartbeat").setText(formats.timeAndAge(d.lastHeartbeat(), now));
            facts.get("backlog").setText(formats.format(m.device_backlog, formats.count(d.backlogCases()),
                    formats.bytes(d.backlogBytes())));
            facts.get("oldest").setText(formats.age(d.oldestUnsentAt(now)));
            facts.get("software").setText(d.softwareVersion().orElse(m.none));
            facts.get("catalogue").setText(d.catalogueVersion().map(String::valueOf).orElse(m.none));
            facts.get("delivered").setText(formats.count(d.delivered()));
            facts.get("rejected").setText(formats.count(d.rejected()));
            facts.get("commands").setText(formats.count(d.pendingCommands()));
            facts.get("certificate").setText(formats.time(d.certificateExpiry()));
            facts.get("revoked").setText(formats.time(d.revokedAt()));
            wipeState.setText(wipeText(d));
        }
        root.layout(true, true);
        updateActions();
        loadCommands(d);
    }

    private String wipeText(DeviceView d) {
        if (d.state() == DeviceState.WIPED) {
            return formats.format(m.device_wiped, formats.time(d.wipedAt()), formats.time(d.wipeRequestedAt()));
        }
        if (d.state() == DeviceState.WIPE_PENDING || d.wipeRequestedAt().isPresent()) {
            return formats.format(m.device_wipePending, formats.time(d.wipeRequestedAt()));
        }
        return m.device_noWipe;
    }

    /** Reads the commands again when something about them may have changed. */
    private void loadCommands(DeviceView d) {
        if (d == null || session == null) {
            commands.removeAll();
            return;
        }
        // a new board comes only when something changed at HQ (a command queued, sent or answered among it): read
        // this laptop's commands again then, while the area is on show
        String key = d.deviceId() + "|" + board.readAt();
        if (key.equals(commandsKey) || !root.isVisible()) {
            return;
        }
        commandsKey = key;
        String id = d.deviceId();
        var s = session;
        work.run(m.device_loadingCommands, () -> s.commands(id, 200), list -> {
            if (alive() && id.equals(deviceId)) {
                fill(list);
            }
        }, problem -> {
            commandsKey = "";
            if (alive()) {
                showProblem(problem);
            }
        });
    }

    private void fill(List<CommandView> list) {
        commands.removeAll();
        for (CommandView c : list) {
            TableItem item = new TableItem(commands, SWT.NONE);
            item.setText(new String[] {Long.toString(c.id()), formats.type(c.type()), formats.state(c.state()),
                c.reference() == null ? "" : c.reference(), formats.time(c.requestedAt()) + " · " + c.requestedBy(),
                formats.time(c.sentAt()), formats.time(c.answeredAt()), c.outcome() == null ? "" : c.outcome()});
            item.setData(c);
        }
        Ui.pack(commands);
    }

    private void enrol() {
        if (isAdmin() && shownDevice != null) {
            new EnrolDialog(root.getShell(), m, formats, session, work, shownDevice.deviceId(), this::refresh).open();
        }
    }

    private void revoke() {
        if (isAdmin() && shownDevice != null) {
            new RevokeDialog(root.getShell(), m, formats, shownDevice.deviceId(), session, work, this::refresh).open();
        }
    }

    private void wipe() {
        if (isAdmin() && shownDevice != null) {
            new WipeDialog(root.getShell(), m, formats, shownDevice.deviceId(), session, work, this::refresh).open();
        }
    }

    private void workOrder() {
        if (isAdmin() && shownDevice != null) {
            new WorkOrderDialog(root.getShell(), m, formats, shownDevice.deviceId(), session, work, this::refresh).open();
        }
    }

    private void refresh() {
        commandsKey = "";
        if (alive()) {
            show();
        }
    }
}
