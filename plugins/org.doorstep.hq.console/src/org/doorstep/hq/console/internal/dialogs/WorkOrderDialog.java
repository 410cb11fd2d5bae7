package org.doorstep.hq.console.internal.dialogs;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.doorstep.domain.catalogue.ApplicationType;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.admin.WorkOrderRequest;
import org.doorstep.hq.console.ConsoleIds;
import org.doorstep.hq.console.internal.ConsoleMessages;
import org.doorstep.hq.console.internal.Ui;
import org.doorstep.hq.console.internal.Work;
import org.doorstep.hq.console.internal.model.Formats;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * A home visit for a laptop: the applicant, the address, the reason for the visit and the documents asked for (the
 * built-in catalogue's application types, named in the console's language). The service checks it with the laptop's
 * own rules (identity number, reason, types) before queueing; what it refuses is said in the dialog.
 */
public final class WorkOrderDialog extends ConsoleDialog {

    static final String[] REASONS = {"aged-60-plus", "disabled", "seriously-ill", "company-group"};
    private static final DateTimeFormatter ORDER_ID = DateTimeFormatter.ofPattern("'WO-'yyyyMMdd-HHmmss", Locale.ROOT);

    private final String device;
    private final AdminSession session;
    private final Work work;
    private final Runnable after;
    private final Map<String, Button> documents = new LinkedHashMap<>();
    private Text orderId;
    private Text name;
    private Text idNumber;
    private Text phone;
    private Text address;
    private Combo reason;
    private Text due;
    private Text note;

    public WorkOrderDialog(Shell parent, ConsoleMessages m, Formats f, String device, AdminSession session, Work work,
            Runnable after) {
        super(parent, ConsoleIds.DIALOG_WORK_ORDER, m.order_title, f.format(m.order_heading, device), m, f);
        this.device = device;
        this.session = session;
        this.work = work;
        this.after = after;
    }

    @Override
    protected void contents(Composite body) {
        orderId = field(body, m.order_id, "id", SWT.SINGLE);
        orderId.setText(ORDER_ID.format(LocalDateTime.now(f.zone())));
        name = field(body, m.order_name, "name", SWT.SINGLE);
        idNumber = field(body, m.order_idNumber, "idNumber", SWT.SINGLE);
        phone = field(body, m.order_phone, "phone", SWT.SINGLE);
        address = field(body, m.order_address, "address", SWT.MULTI | SWT.WRAP);
        String[] labels = new String[REASONS.length];
        for (int i = 0; i < REASONS.length; i++) {
            labels[i] = f.visitReason(REASONS[i]);
        }
        reason = choice(body, m.order_reason, "reason", labels);
        Label docs = Ui.label(body, m.order_documents);
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(docs);
        Composite boxes = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(16, 4).applyTo(boxes);
        for (ApplicationType type : Catalogue.builtIn().types()) {
            Button box = Ui.id(new Button(boxes, SWT.CHECK), id + ".document." + type.id());
            box.setText(type.name().in(f.locale()));
            GridDataFactory.fillDefaults().hint(SWT.DEFAULT, Ui.ROW).applyTo(box);
            documents.put(type.id(), box);
        }
        due = field(body, m.order_due, "due", SWT.SINGLE);
        note = field(body, m.order_note, "note", SWT.MULTI | SWT.WRAP);
    }

    @Override
    protected String okText() {
        return m.order_ok;
    }

    @Override
    protected void ok() {
        if (name.getText().isBlank()) {
            fail(m.order_problem_name);
            return;
        }
        if (address.getText().isBlank()) {
            fail(m.order_problem_address);
            return;
        }
        List<String> asked = new ArrayList<>();
        documents.forEach((type, box) -> {
            if (box.getSelection()) {
                asked.add(type);
            }
        });
        if (asked.isEmpty()) {
            fail(m.order_problem_documents);
            return;
        }
        Optional<LocalDate> dueDay = Optional.empty();
        if (!due.getText().isBlank()) {
            try {
                dueDay = Optional.of(LocalDate.parse(due.getText().strip()));
            } catch (DateTimeParseException e) {
                fail(m.dialog_problem_date);
                return;
            }
        }
        WorkOrderRequest order = new WorkOrderRequest(orderId.getText().strip(), name.getText().strip(),
                optional(idNumber), optional(phone), address.getText().strip(),
                REASONS[Math.max(0, reason.getSelectionIndex())], asked, dueDay, optional(note));
        Shell parent = shell.getParent().getShell();
        call(work, m.order_busy, () -> session.dispatchWorkOrder(device, order), command -> {
            MessageBox.done(parent, m, f, f.format(m.order_done_heading, order.orderId()),
                    f.format(m.order_done_text, device));
            after.run();
        });
    }

    private static Optional<String> optional(Text text) {
        String t = text.getText().strip();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }
}
