package org.doorstep.ui.internal.cases;

import java.util.List;
import java.util.function.Consumer;

import org.doorstep.domain.VisitReason;
import org.doorstep.field.GuidedCase;
import org.doorstep.field.Visit;
import org.doorstep.field.Visits;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * Today's visits: HQ's work orders due today (and those overdue, marked so) and the unfinished ad-hoc cases, with
 * "open" and "new ad-hoc case". A heading names the day; orders for later days are counted, not listed.
 */
final class VisitsView {

    private final Composite root;
    private final CasesMessages m;
    private final Visits visits;
    private final Consumer<GuidedCase> open;
    private final Table table;
    private final Label message;
    private final ProgressBar progress;
    private final Label heading;
    private List<Visit> shown = List.of();

    VisitsView(Composite parent, CasesMessages m, Visits visits, Consumer<GuidedCase> open) {
        this.m = m;
        this.visits = visits;
        this.open = open;
        root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 12).applyTo(root);
        heading = Ui.css(Ui.id(Ui.label(root, ""), CaseIds.VISITS_HEADING), "heading");
        table = Ui.id(new Table(root, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE), CaseIds.VISITS_TABLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String c : List.of(m.visits_columnApplicant, m.visits_columnAddress, m.visits_columnReason,
                m.visits_columnState, m.visits_columnWhen, m.visits_columnOrigin)) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(c);
            column.setWidth(c.equals(m.visits_columnAddress) ? 360 : 180);
        }
        table.addListener(SWT.DefaultSelection, e -> openSelected());
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        Composite buttons = new Composite(root, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).spacing(12, 0).applyTo(buttons);
        Ui.button(buttons, CaseIds.VISITS_OPEN, m.visits_open, this::openSelected);
        Ui.button(buttons, CaseIds.VISITS_NEW_AD_HOC, m.visits_newAdHoc, this::newAdHoc);
        Ui.button(buttons, CaseIds.VISITS_REFRESH, m.visits_refresh, this::refresh);
        progress = Ui.id(new ProgressBar(root, SWT.INDETERMINATE), CaseIds.VISITS_PROGRESS);
        progress.setVisible(false);
        message = Ui.id(Ui.label(root, ""), CaseIds.VISITS_MESSAGE);
        refresh();
    }

    Composite control() {
        return root;
    }

    /** Reads today's visits off the UI thread (a second or so with hundreds of cases), then fills the table. */
    void refresh() {
        message.setText(m.visits_loading);
        Ui.inBackground(root, progress, visits::today, this::show, e -> {
            System.getLogger(VisitsView.class.getName()).log(System.Logger.Level.ERROR, "today's visits could not be read", e);
            message.setText(m.visits_listFailed);
            root.layout(true, true);
        });
    }

    private void show(Visits.Day day) {
        shown = day.visits();
        heading.setText(CasesMessages.format(m.visits_today, day.date().toString(), shown.size())
                + (day.later() > 0 ? " " + CasesMessages.format(m.visits_later, day.later()) : ""));
        table.removeAll();
        for (Visit v : shown) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { v.applicant(), v.address(), v.reason().map(this::reason).orElse(""),
                    v.state().map(s -> CaseStates.shortText(m, s)).orElse(m.visits_notStarted), when(v, day),
                    v.orderId().map(o -> CasesMessages.format(m.visits_workOrder, o)).orElse(m.visits_adHoc) });
            if (v.timing(day.date()) == Visit.Timing.OVERDUE) {
                item.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            }
        }
        message.setText(shown.isEmpty() ? m.visits_none : "");
        root.layout(true, true);
    }

    private String when(Visit v, Visits.Day day) {
        return switch (v.timing(day.date())) {
            case TODAY -> m.visits_dueToday;
            case OVERDUE -> CasesMessages.format(m.visits_overdue, v.due().map(Object::toString).orElse(""));
            case LATER -> v.due().map(Object::toString).orElse("");
            case AD_HOC -> m.visits_onTheSpot;
        };
    }

    private String reason(VisitReason r) {
        return switch (r) {
            case AGED_60_PLUS -> m.reason_aged;
            case DISABLED -> m.reason_disabled;
            case SERIOUSLY_ILL -> m.reason_ill;
            case COMPANY_GROUP -> m.reason_company;
        };
    }

    private void openSelected() {
        int i = table.getSelectionIndex();
        if (i < 0 || i >= shown.size()) {
            message.setText(m.visits_selectFirst);
            return;
        }
        Visit v = shown.get(i);
        start(() -> v.caseId().isPresent() ? visits.resume(v.caseId().get()) : visits.start(v.orderId().orElseThrow()));
    }

    private void newAdHoc() {
        start(visits::startAdHoc);
    }

    private void start(Ui.Work<GuidedCase> work) {
        Ui.inBackground(root, progress, work, open, e -> {
            // the detail is for support, in the log; the officer reads plain words
            System.getLogger(VisitsView.class.getName()).log(System.Logger.Level.ERROR, "a visit could not be opened", e);
            message.setText(m.visits_openFailed);
        });
    }
}
