package org.doorstep.ui.internal.cases;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.doorstep.domain.DeliveryMethod;
import org.doorstep.domain.Issue;
import org.doorstep.domain.VisitReason;
import org.doorstep.domain.catalogue.ApplicationType;
import org.doorstep.domain.catalogue.IssueRule;
import org.doorstep.domain.catalogue.PriorDocumentRule;
import org.doorstep.domain.catalogue.Level;
import org.doorstep.domain.checklist.Checklist;
import org.doorstep.domain.checklist.ChecklistItem;
import org.doorstep.domain.form.Applicant;
import org.doorstep.domain.form.Application;
import org.doorstep.domain.form.CaseForm;
import org.doorstep.domain.form.Contact;
import org.doorstep.domain.form.Delivery;
import org.doorstep.domain.form.VisitBasis;
import org.doorstep.field.CaseCompletion;
import org.doorstep.field.GuidedCase;
import org.doorstep.field.Step;
import org.doorstep.field.StepProblem;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/** The form and checklist screens of the guided case: identity, applications, checklist with the notice, review. */
final class StepPages {

    private static final List<VisitReason> REASONS = List.of(VisitReason.AGED_60_PLUS, VisitReason.DISABLED,
            VisitReason.SERIOUSLY_ILL, VisitReason.COMPANY_GROUP);

    private StepPages() {
    }

    static void identity(Composite page, GuidedCaseView.Host host) {
        CasesMessages m = host.messages();
        CaseForm form = host.guided().form();
        Applicant a = form.applicant();
        Contact c = form.contact();
        Text name = Ui.field(page, CaseIds.ID_NAME, m.id_name, a == null ? null : a.name());
        Text number = Ui.field(page, CaseIds.ID_NUMBER, m.id_number, a == null ? null : a.idNumber());
        Text phone = Ui.field(page, CaseIds.ID_PHONE, m.id_phone, a == null ? null : a.phone());
        Combo reason = Ui.combo(page, CaseIds.ID_REASON, m.id_reason, m.reason_aged, m.reason_disabled, m.reason_ill,
                m.reason_company);
        if (form.visit() != null && form.visit().reason() != null) {
            reason.select(REASONS.indexOf(form.visit().reason()));
        }
        // a reason other than age needs its proof scanned (certificate, doctor's letter, the company's letter)
        Button[] evidenceButton = new Button[1];
        boolean needsEvidence = form.visit() != null && form.visit().reason() != null
                && form.visit().reason().needsEvidence();
        if (needsEvidence) {
            Composite proof = new Composite(page, SWT.NONE);
            org.eclipse.jface.layout.GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 0).applyTo(proof);
            evidenceButton[0] = Ui.button(proof, CaseIds.ID_EVIDENCE, m.id_evidence, () -> {
                // see below: saves what was typed, then asks for the scan
            });
            Ui.id(Ui.label(proof, host.guided().hasVisitEvidence() ? m.id_evidenceAttached : m.id_evidenceMissing),
                    CaseIds.ID_EVIDENCE_STATE);
        }
        Text address = Ui.field(page, CaseIds.ID_ADDRESS, m.id_address, c == null ? null : c.address());
        Text emergencyName = Ui.field(page, CaseIds.ID_EMERGENCY_NAME, m.id_emergencyName, c == null ? null : c.emergencyName());
        Text emergencyPhone = Ui.field(page, CaseIds.ID_EMERGENCY_PHONE, m.id_emergencyPhone,
                c == null ? null : c.emergencyPhone());
        Runnable saveTyped = () -> {
            VisitReason r = reason.getSelectionIndex() < 0 ? null : REASONS.get(reason.getSelectionIndex());
            CaseForm now = host.guided().form();
            String evidence = now.visit() == null ? null : now.visit().evidence();
            host.guided().saveIdentity(new Applicant(Ui.text(name), Ui.text(number), Ui.text(phone)), now.guardian(),
                    now.agent(), new VisitBasis(r, evidence),
                    new Contact(Ui.text(address), Ui.text(emergencyName), Ui.text(emergencyPhone)), host.locale());
        };
        if (evidenceButton[0] != null) {
            evidenceButton[0].addListener(SWT.Selection, e -> {
                saveTyped.run(); // what was typed is kept when the screen is drawn again after the scan
                host.files().open(page.getShell(), "*.pdf;*.jpg;*.jpeg;*.png", m.files_scans).ifPresentOrElse(
                        file -> host.background(() -> host.guided().attachVisitEvidence(Files.readAllBytes(file),
                                host.locale()), problems -> host.refresh()),
                        host::refresh);
            });
        }
        Ui.button(page, CaseIds.ID_SAVE, m.id_save, () -> {
            saveTyped.run();
            host.refresh();
            host.say(m.case_saved);
        });
    }

    static void applications(Composite page, GuidedCaseView.Host host) {
        CasesMessages m = host.messages();
        CaseForm form = host.guided().form();
        Ui.label(page, m.app_types);
        List<Button> boxes = new ArrayList<>();
        List<Combo> issues = new ArrayList<>();
        List<List<Issue>> offered = new ArrayList<>();
        List<ApplicationType> types = host.guided().catalogue().types();
        Composite grid = new Composite(page, SWT.NONE);
        org.eclipse.jface.layout.GridLayoutFactory.fillDefaults().numColumns(2).spacing(16, 6).applyTo(grid);
        for (ApplicationType t : types) {
            Button box = Ui.id(new Button(grid, SWT.CHECK), CaseIds.APP_TYPE_PREFIX + t.id());
            box.setText(t.name().in(host.locale()));
            Optional<Application> held = form.applications().stream().filter(a -> t.id().equals(a.type())).findFirst();
            box.setSelection(held.isPresent());
            GridDataFactory.swtDefaults().hint(SWT.DEFAULT, Ui.TOUCH - 4).applyTo(box);
            boxes.add(box);
            // what is applied for (first issue, renewal …): only the kinds this screen can complete, i.e. those
            // that need no number of an earlier document
            List<Issue> kinds = t.issues().stream().filter(r -> r.prior() != PriorDocumentRule.NUMBER_REQUIRED)
                    .map(IssueRule::issue).toList();
            Combo issue = Ui.id(new Combo(grid, SWT.READ_ONLY | SWT.DROP_DOWN), CaseIds.APP_ISSUE_PREFIX + t.id());
            issue.setItems(kinds.stream().map(k -> t.issue(k).orElseThrow().name().in(host.locale())).toArray(String[]::new));
            Issue current = held.map(Application::issue).filter(kinds::contains).orElse(kinds.isEmpty() ? null : kinds.get(0));
            if (current != null) {
                issue.select(kinds.indexOf(current));
            }
            GridDataFactory.swtDefaults().hint(SWT.DEFAULT, Ui.TOUCH - 8).applyTo(issue);
            issues.add(issue);
            offered.add(kinds);
        }
        Combo delivery = Ui.combo(page, CaseIds.APP_DELIVERY, m.app_delivery, m.app_collect, m.app_postal);
        delivery.select(form.delivery() != null && form.delivery().method() == DeliveryMethod.POSTAL ? 1 : 0);
        Ui.button(page, CaseIds.APP_SAVE, m.app_save, () -> {
            List<Application> chosen = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                if (boxes.get(i).getSelection()) {
                    String id = types.get(i).id();
                    int k = issues.get(i).getSelectionIndex();
                    Issue issue = k < 0 ? null : offered.get(i).get(k);
                    Optional<Application> held = form.applications().stream().filter(a -> id.equals(a.type())).findFirst();
                    chosen.add(held.filter(a -> a.issue() == issue)
                            .orElseGet(() -> new Application(id, issue, List.of(), held.map(Application::prior).orElse(null))));
                }
            }
            DeliveryMethod method = delivery.getSelectionIndex() == 1 ? DeliveryMethod.POSTAL : DeliveryMethod.COLLECT;
            Delivery d = form.delivery() != null && form.delivery().method() == method ? form.delivery()
                    : new Delivery(method, null);
            host.guided().saveApplications(chosen, form.urgent(), d, form.relief(), host.locale());
            host.refresh();
            host.say(m.case_saved);
        });
    }

    static void checklist(Composite page, GuidedCaseView.Host host) {
        CasesMessages m = host.messages();
        GuidedCase g = host.guided();
        Optional<Checklist> list = g.checklist();
        if (list.isEmpty()) {
            Ui.label(page, m.cl_formFirst);
            return;
        }
        List<ChecklistItem> items = list.get().items();
        Table table = Ui.id(new Table(page, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE), CaseIds.CHECKLIST_TABLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String c : List.of(m.cl_columnMaterial, m.cl_columnLevel, m.cl_columnStatus)) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(c);
            column.setWidth(c.equals(m.cl_columnMaterial) ? 380 : 220);
        }
        for (ChecklistItem i : items) {
            TableItem row = new TableItem(table, SWT.NONE);
            String status = i.isPresent() ? m.cl_present
                    : i.isPending() ? CasesMessages.format(m.cl_pending, i.deadline().map(LocalDate::toString).orElse(""))
                            : m.cl_missing;
            row.setText(new String[] { i.material().name().in(host.locale()),
                    i.level() == Level.CORE ? m.cl_core : m.cl_secondary, status });
        }
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, Math.min(400, 40 + 36 * items.size())).applyTo(table);
        Composite row = new Composite(page, SWT.NONE);
        org.eclipse.jface.layout.GridLayoutFactory.fillDefaults().numColumns(4).spacing(12, 0).applyTo(row);
        Ui.button(row, CaseIds.CHECKLIST_ATTACH, m.cl_attach, () -> {
            ChecklistItem item = selected(table, items, host);
            if (item == null) {
                return;
            }
            host.files().open(page.getShell(), "*.pdf;*.jpg;*.jpeg;*.png", m.files_scans).ifPresent(file -> host
                    .background(() -> g.attachScan(item.key(), Files.readAllBytes(file)), r -> host.refresh()));
        });
        Label deadlineCaption = new Label(row, SWT.NONE);
        deadlineCaption.setText(m.cl_deadline);
        DateTime deadline = Ui.id(new DateTime(row, SWT.DATE | SWT.DROP_DOWN | SWT.BORDER), CaseIds.CHECKLIST_DEADLINE);
        LocalDate suggested = g.visitDate().plusDays(15);
        deadline.setDate(suggested.getYear(), suggested.getMonthValue() - 1, suggested.getDayOfMonth());
        Ui.button(row, CaseIds.CHECKLIST_PENDING, m.cl_pendingButton, () -> {
            ChecklistItem item = selected(table, items, host);
            if (item == null) {
                return;
            }
            LocalDate by = LocalDate.of(deadline.getYear(), deadline.getMonth() + 1, deadline.getDay());
            try {
                g.acceptPending(item.key(), by);
                host.refresh();
            } catch (org.doorstep.field.FieldException e) {
                host.say(host.explain(e));
            }
        });
        Composite notice = new Composite(page, SWT.NONE);
        org.eclipse.jface.layout.GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 0).applyTo(notice);
        Ui.button(notice, CaseIds.CHECKLIST_PRINT, m.cl_printNotice, () -> host.printers().choose(page.getShell())
                .ifPresent(printer -> {
                    // laid out and sent to the printer on the UI thread (SWT's printing is bound to it): a page or two
                    host.say(m.cl_printing);
                    page.getDisplay().update();
                    try {
                        int pages = NoticePrinter.print(printer, g.noticeBlocks(), CasesMessages.format(m.cl_noticeFile,
                                g.summary().shortId()), m.cl_pageFooter);
                        host.say(CasesMessages.format(m.cl_printed, pages, printer.name));
                    } catch (org.doorstep.field.FieldException e) {
                        host.say(host.explain(e));
                    } catch (RuntimeException | org.eclipse.swt.SWTError e) {
                        System.getLogger(StepPages.class.getName()).log(System.Logger.Level.ERROR,
                                "printing the notice failed", e);
                        host.say(m.cl_printFailed);
                    }
                }));
        Ui.button(notice, CaseIds.CHECKLIST_SAVE_NOTICE, m.cl_saveNotice, () -> {
            host.files().save(page.getShell(), CasesMessages.format(m.cl_noticeFile, g.summary().shortId()), "*.html",
                    m.files_html)
                    .ifPresent(file -> host.background(() -> g.saveNotice(file),
                            saved -> host.say(CasesMessages.format(m.cl_noticeSaved, saved))));
        });
    }

    private static ChecklistItem selected(Table table, List<ChecklistItem> items, GuidedCaseView.Host host) {
        int i = table.getSelectionIndex();
        if (i < 0) {
            host.say(host.messages().cl_selectItem);
            return null;
        }
        return items.get(i);
    }

    static void review(Composite page, GuidedCaseView.Host host) {
        CasesMessages m = host.messages();
        GuidedCase g = host.guided();
        boolean draft = g.summary().state() == org.doorstep.vault.CaseState.DRAFT;
        if (!draft) {
            // a completed case: what happened to it (sealed into the outbox, sent, received by HQ, or waiting)
            Ui.id(Ui.label(page, CaseStates.sentence(m, g.summary().state(), g.packet(), g.sealingBlocker())),
                    CaseIds.REVIEW_RESULT);
            return;
        }
        List<StepProblem> open = g.problems(Step.REVIEW, host.locale());
        Ui.label(page, open.isEmpty() ? m.review_ready : m.review_heading);
        org.eclipse.swt.widgets.List lines = Ui.id(new org.eclipse.swt.widgets.List(page, SWT.BORDER | SWT.V_SCROLL),
                CaseIds.REVIEW_LIST);
        for (StepProblem p : open) {
            lines.add(p.step().label(host.locale()) + "：" + p.text());
        }
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 200).applyTo(lines);
        Label result = Ui.id(Ui.label(page, ""), CaseIds.REVIEW_RESULT);
        Button complete = Ui.button(page, CaseIds.REVIEW_COMPLETE, m.review_complete,
                () -> host.background(g::complete, outcome -> host.refresh())); // the page then says what happened
        complete.setEnabled(open.isEmpty());
        result.setText("");
    }
}
