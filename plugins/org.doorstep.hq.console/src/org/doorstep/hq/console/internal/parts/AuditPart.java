package org.doorstep.hq.console.internal.parts;

import java.util.List;

import org.doorstep.hq.admin.AdminAuditEntry;
import org.doorstep.hq.admin.AuditCheck;
import org.doorstep.hq.admin.CaseQuery;
import org.doorstep.hq.admin.DeviceAuditEntry;
import org.doorstep.hq.console.Area;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.Ui;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IStylingEngine;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import jakarta.inject.Inject;

/**
 * The audit trails: a laptop's hash-chained, device-signed trail as HQ received it, or the administrators' own trail
 * (every sign-in and action in this console and the command line); browse them, and verify one: every entry's hash
 * and signature and the chain, with each break in words and the entries HQ has not received yet listed apart.
 */
public class AuditPart extends AreaPart {

    @Inject
    @Optional
    private IStylingEngine styling;

    private Button deviceMode;
    private Button adminMode;
    private Combo device;
    private Label result;
    private Table breaks;
    private Table entries;

    @Override
    protected Area area() {
        return Area.AUDIT;
    }

    @Override
    protected void build(Composite parent) {
        Ui.heading(parent, m.audit_heading);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(6).spacing(12, 0).applyTo(bar);
        deviceMode = Ui.id(new Button(bar, SWT.RADIO), ConsoleIds.AUDIT_DEVICE_MODE);
        deviceMode.setText(m.audit_deviceTrail);
        deviceMode.setSelection(true);
        adminMode = Ui.id(new Button(bar, SWT.RADIO), ConsoleIds.AUDIT_ADMIN_MODE);
        adminMode.setText(m.audit_adminTrail);
        for (Button b : new Button[] {deviceMode, adminMode}) {
            GridDataFactory.swtDefaults().hint(SWT.DEFAULT, Ui.TARGET).applyTo(b);
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    modeChanged();
                }
            });
        }
        device = Ui.combo(bar, ConsoleIds.AUDIT_DEVICE);
        GridDataFactory.fillDefaults().hint(240, SWT.DEFAULT).applyTo(device);
        device.addListener(SWT.Selection, e -> load());
        Ui.button(bar, ConsoleIds.AUDIT_LOAD, m.audit_load, this::load);
        Ui.button(bar, ConsoleIds.AUDIT_VERIFY, m.audit_verify, this::verify);
        result = Ui.paragraph(parent, ConsoleIds.AUDIT_RESULT, "");
        breaks = Ui.table(parent, ConsoleIds.AUDIT_BREAKS, SWT.SINGLE, m.audit_col_problem);
        GridDataFactory.fillDefaults().grab(true, false).hint(400, 120).applyTo(breaks);
        entries = Ui.table(parent, ConsoleIds.AUDIT_TABLE, SWT.SINGLE, "", "", "", "", "", "", "");
        headers();
    }

    private void headers() {
        String[] names = deviceMode.getSelection()
                ? new String[] {m.audit_col_seq, m.audit_col_time, m.audit_col_officer, m.audit_col_action,
                    m.audit_col_case, m.audit_col_detail, m.audit_col_source}
                : new String[] {m.audit_col_seq, m.audit_col_time, m.audit_col_user, m.audit_col_action,
                    m.audit_col_target, m.audit_col_detail, m.audit_col_outcome};
        TableColumn[] columns = entries.getColumns();
        for (int i = 0; i < columns.length; i++) {
            columns[i].setText(names[i]);
        }
    }

    private void modeChanged() {
        device.setEnabled(deviceMode.getSelection());
        headers();
        clearResult();
        load();
    }

    private void clearResult() {
        result.setText("");
        breaks.removeAll();
    }

    @Override
    protected void sessionChanged() {
        if (session == null) {
            entries.removeAll();
            device.removeAll();
            clearResult();
        }
    }

    @Override
    protected void shown() {
        var current = session;
        work.run(m.audit_loading, current::auditedDevices, ids -> {
            if (!alive()) {
                return;
            }
            String selected = device.getSelectionIndex() >= 0 ? device.getItem(device.getSelectionIndex()) : null;
            device.setItems(ids.toArray(String[]::new));
            int index = selected == null ? 0 : Math.max(0, ids.indexOf(selected));
            if (!ids.isEmpty()) {
                device.select(index);
            }
            load();
        }, this::showProblem);
    }

    private String chosenDevice() {
        int i = device.getSelectionIndex();
        return i >= 0 ? device.getItem(i) : null;
    }

    private void load() {
        if (session == null) {
            return;
        }
        var current = session;
        if (deviceMode.getSelection()) {
            String id = chosenDevice();
            if (id == null) {
                entries.removeAll();
                return;
            }
            call(m.audit_loading, () -> current.deviceAudit(id, 1, CaseQuery.MAX_LIMIT), this::fillDevice);
        } else {
            call(m.audit_loading, () -> current.adminAudit(1, CaseQuery.MAX_LIMIT), this::fillAdmin);
        }
    }

    private void fillDevice(List<DeviceAuditEntry> list) {
        if (!deviceMode.getSelection()) {
            return;
        }
        entries.removeAll();
        for (DeviceAuditEntry e : list) {
            new TableItem(entries, SWT.NONE).setText(new String[] {Long.toString(e.seq()), formats.time(e.at()),
                nz(e.officer()), nz(e.action()), nz(e.caseId()), nz(e.detail()), nz(e.source())});
        }
        Ui.pack(entries);
    }

    private void fillAdmin(List<AdminAuditEntry> list) {
        if (!adminMode.getSelection()) {
            return;
        }
        entries.removeAll();
        for (AdminAuditEntry e : list) {
            new TableItem(entries, SWT.NONE).setText(new String[] {Long.toString(e.seq()), formats.time(e.at()),
                nz(e.userId()), nz(e.action()), nz(e.target()), nz(e.detail()), nz(e.outcome())});
        }
        Ui.pack(entries);
    }

    private void verify() {
        if (session == null) {
            return;
        }
        var current = session;
        if (deviceMode.getSelection()) {
            String id = chosenDevice();
            if (id == null) {
                return;
            }
            call(m.audit_verifying, () -> current.verifyDeviceAudit(id), this::showCheck);
        } else {
            call(m.audit_verifying, current::verifyAdminAudit, this::showCheck);
        }
    }

    private void showCheck(AuditCheck check) {
        breaks.removeAll();
        String subject = check.subject().equals("administrators") ? m.audit_adminTrail : check.subject();
        if (check.intact()) {
            style(result, "good");
            result.setText(formats.format(check.gaps().isEmpty() ? m.audit_intact : m.audit_intactWithGaps, subject,
                    check.entries(), check.lastSeq(), check.gaps().size()));
        } else {
            style(result, "problem");
            result.setText(formats.format(m.audit_broken, subject, check.entries(), check.breaks().size()));
        }
        for (String b : check.breaks()) {
            new TableItem(breaks, SWT.NONE).setText(b);
        }
        for (String g : check.gaps()) {
            new TableItem(breaks, SWT.NONE).setText(formats.format(m.audit_gap, g));
        }
        Ui.pack(breaks);
        root.layout(true, true);
    }

    private void style(Label label, String cssClass) {
        Ui.restyle(styling, label, cssClass);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
