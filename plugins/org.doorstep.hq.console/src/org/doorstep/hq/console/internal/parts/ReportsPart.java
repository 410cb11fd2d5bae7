package org.doorstep.hq.console.internal.parts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.doorstep.hq.admin.DailyCount;
import org.doorstep.hq.admin.DeviceBoard;
import org.doorstep.hq.console.Area;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.Ui;
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
 * Reports: cases HQ stored per day per laptop, with the time from capture (the case created on the laptop) and from
 * sealing to HQ's receipt (median and longest); filtered by laptop and days; exported as CSV.
 */
public class ReportsPart extends AreaPart {

    private Combo device;
    private Text from;
    private Text to;
    private Label summary;
    private Table table;
    private Button export;
    private List<DailyCount> lines = List.of();

    @Override
    protected Area area() {
        return Area.REPORTS;
    }

    @Override
    protected void build(Composite parent) {
        Ui.heading(parent, m.report_heading);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(8).spacing(10, 0).applyTo(bar);
        Ui.label(bar, m.filter_device);
        device = Ui.combo(bar, ConsoleIds.REPORT_DEVICE, m.all);
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(device);
        Ui.label(bar, m.filter_from);
        from = Ui.text(bar, ConsoleIds.REPORT_FROM, SWT.SINGLE);
        from.setMessage(m.filter_dayHint);
        Ui.label(bar, m.filter_to);
        to = Ui.text(bar, ConsoleIds.REPORT_TO, SWT.SINGLE);
        to.setMessage(m.filter_dayHint);
        for (Text t : new Text[] {from, to}) {
            GridDataFactory.fillDefaults().hint(150, SWT.DEFAULT).applyTo(t);
            Ui.onEnter(t, this::run);
        }
        Ui.button(bar, ConsoleIds.REPORT_RUN, m.report_run, this::run);
        export = Ui.button(bar, ConsoleIds.REPORT_EXPORT, m.export_csv, this::export);
        export.setEnabled(false);
        summary = Ui.paragraph(parent, ConsoleIds.REPORT_SUMMARY, "");
        table = Ui.table(parent, ConsoleIds.REPORT_TABLE, SWT.SINGLE, m.report_col_day, m.report_col_device,
                m.report_col_cases, m.report_col_captureMedian, m.report_col_captureMax, m.report_col_sealMedian,
                m.report_col_sealMax);
    }

    @Override
    protected void sessionChanged() {
        if (session == null) {
            lines = List.of();
            table.removeAll();
            summary.setText("");
            export.setEnabled(false);
        }
    }

    @Override
    protected void boardChanged(DeviceBoard b) {
        Filters.devices(device, b, m.all);
    }

    @Override
    protected void shown() {
        run();
    }

    private void run() {
        if (session == null) {
            return;
        }
        Optional<Filters.Days> typed = days(from, to);
        if (typed.isEmpty()) {
            return;
        }
        Filters.Days days = typed.get();
        Optional<String> which = Filters.device(device);
        var current = session;
        call(m.report_loading, () -> current.report(which, days.first(), days.last()), this::fill);
    }

    private void fill(List<DailyCount> list) {
        lines = list;
        table.removeAll();
        long cases = 0;
        for (DailyCount d : list) {
            cases += d.cases();
            new TableItem(table, SWT.NONE).setText(new String[] {d.day().toString(), d.deviceId(),
                formats.count(d.cases()), formats.age(d.medianCaptureToReceipt()), formats.age(d.maxCaptureToReceipt()),
                formats.age(d.medianSealToReceipt()), formats.age(d.maxSealToReceipt())});
        }
        Ui.pack(table);
        long devices = list.stream().map(DailyCount::deviceId).distinct().count();
        long days = list.stream().map(DailyCount::day).distinct().count();
        summary.setText(formats.format(m.report_summary, formats.count(cases), devices, days));
        export.setEnabled(!list.isEmpty());
        root.layout(true, true);
    }

    private void export() {
        List<DailyCount> shown = lines;
        Optional<Path> file = Exports.choose(context, root.getShell(), "cases-per-day.csv", m);
        if (file.isEmpty()) {
            return;
        }
        List<String> header = List.of(m.report_col_day, m.report_col_device, m.report_col_cases,
                m.report_col_captureMedianSeconds, m.report_col_captureMaxSeconds, m.report_col_sealMedianSeconds,
                m.report_col_sealMaxSeconds);
        List<List<String>> rows = new ArrayList<>();
        for (DailyCount d : shown) {
            rows.add(List.of(d.day().toString(), d.deviceId(), Integer.toString(d.cases()),
                    d.medianCaptureToReceipt().map(x -> Long.toString(x.getSeconds())).orElse(""),
                    d.maxCaptureToReceipt().map(x -> Long.toString(x.getSeconds())).orElse(""),
                    Long.toString(d.medianSealToReceipt().getSeconds()), Long.toString(d.maxSealToReceipt().getSeconds())));
        }
        Exports.write(this, file.get(), "report", header, rows);
    }
}
