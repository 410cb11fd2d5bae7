package org.doorstep.ui.internal.group;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.doorstep.group.BoardState;
import org.doorstep.group.CompanyWideFields;
import org.doorstep.group.GroupInputException;
import org.doorstep.group.GroupProblem;
import org.doorstep.group.GroupSession;
import org.doorstep.group.ImportReport;
import org.doorstep.group.RosterEntry;
import org.doorstep.group.RosterFileException;
import org.doorstep.group.RosterLimits;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * One session: three tabs — the board (large rows grouped by state, next applicant, start, done, follow-up), the
 * roster import (file, progress, the report of bad rows) and the fields filled once for everybody.
 */
final class SessionPage {

    /** Board order: whoever is being served first, then the queue, then follow-ups, then those done. */
    private static final List<BoardState> ORDER = List.of(BoardState.IN_PROGRESS, BoardState.WAITING,
            BoardState.FOLLOW_UP, BoardState.DONE);

    private static final System.Logger LOG = System.getLogger(SessionPage.class.getName());

    private final GroupSessionsView view;
    private final GroupMessages m;
    private final Locale locale;
    private final Composite page;
    private final Label title;
    private final TabFolder tabs;
    private final TabItem boardTab;
    private final TabItem importTab;
    private Table board;
    private Label counts;
    private Label boardMessage;
    private Text followUpReason;
    private Text file;
    private Button importButton;
    private ProgressBar progress;
    private Label importMessage;
    private Table report;
    private Text employerName;
    private Text employerAddress;
    private Button post;
    private Text recipient;
    private Text recipientPhone;
    private Text province;
    private Text city;
    private Text district;
    private Text street;
    private Text postcode;
    private Text sharedContact;
    private Text sharedContactPhone;
    private Label fieldsMessage;
    private GroupSession session;

    SessionPage(Composite page, GroupSessionsView view) {
        this.page = page;
        this.view = view;
        this.m = view.messages();
        this.locale = view.locale();
        title = Ui.id(Ui.heading(page, "", 2), GroupIds.SESSION_TITLE);
        tabs = new TabFolder(page, SWT.TOP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(tabs);
        boardTab = tab(m.boardHeading, this::buildBoard);
        importTab = tab(m.importHeading, this::buildImport);
        tab(m.fieldsHeading, this::buildFields);
    }

    Composite control() {
        return page;
    }

    private TabItem tab(String text, java.util.function.Consumer<Composite> build) {
        TabItem item = new TabItem(tabs, SWT.NONE);
        item.setText(text);
        Composite body = new Composite(tabs, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(12, 12).spacing(12, 10).numColumns(2).applyTo(body);
        build.accept(body);
        item.setControl(body);
        return item;
    }

    private void buildBoard(Composite body) {
        counts = Ui.paragraph(body, GroupIds.COUNTS, "", 2);
        board = Ui.table(body, GroupIds.BOARD, m.boardState, m.boardName, m.boardId, m.boardDocuments, m.boardReason);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(SWT.DEFAULT, 260).applyTo(board);
        board.addListener(SWT.DefaultSelection, e -> startSelected());
        Composite actions = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).spacing(10, 8).applyTo(actions);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(actions);
        Ui.button(actions, GroupIds.NEXT, m.next, this::next);
        Ui.button(actions, GroupIds.START, m.start, this::startSelected);
        Ui.button(actions, GroupIds.DONE, m.done, this::doneSelected);
        Ui.button(actions, GroupIds.REFRESH, m.refresh, this::refresh);
        followUpReason = Ui.field(body, GroupIds.FOLLOW_UP_REASON, m.followUpReason);
        Ui.button(body, GroupIds.FOLLOW_UP, m.followUp, this::followUpSelected);
        new Label(body, SWT.NONE);
        boardMessage = Ui.paragraph(body, GroupIds.BOARD_MESSAGE, "", 2);
        Composite end = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(10, 8).applyTo(end);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(end);
        Ui.button(end, GroupIds.SUMMARY_VIEW, m.summaryView, () -> view.showSummary(session.id()));
        Ui.button(end, GroupIds.END, m.endSession, this::end);
    }

    private void buildImport(Composite body) {
        file = Ui.field(body, GroupIds.IMPORT_FILE, m.importFile);
        Composite buttons = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(10, 8).applyTo(buttons);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(buttons);
        Ui.button(buttons, GroupIds.IMPORT_BROWSE, m.browse, this::browse);
        importButton = Ui.button(buttons, GroupIds.IMPORT_RUN, m.importRun, this::runImport);
        progress = Ui.id(new ProgressBar(body, SWT.INDETERMINATE), GroupIds.IMPORT_PROGRESS);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(progress);
        progress.setVisible(false);
        importMessage = Ui.paragraph(body, GroupIds.IMPORT_MESSAGE, "", 2);
        Label reportHeading = new Label(body, SWT.NONE);
        reportHeading.setText(m.reportHeading);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(reportHeading);
        report = Ui.table(body, GroupIds.REPORT, m.reportRow, m.reportColumn, m.reportReason);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(SWT.DEFAULT, 200).applyTo(report);
    }

    private void buildFields(Composite body) {
        employerName = Ui.field(body, GroupIds.EMPLOYER_NAME, m.employerName);
        employerAddress = Ui.field(body, GroupIds.EMPLOYER_ADDRESS, m.employerAddress);
        sharedContact = Ui.field(body, GroupIds.SHARED_CONTACT, m.sharedContact);
        sharedContactPhone = Ui.field(body, GroupIds.SHARED_CONTACT_PHONE, m.sharedContactPhone);
        post = Ui.id(new Button(body, SWT.CHECK), GroupIds.POST_TO_COMPANY);
        post.setText(m.postToCompany);
        GridDataFactory.fillDefaults().span(2, 1).hint(SWT.DEFAULT, Ui.TOUCH).applyTo(post);
        recipient = Ui.field(body, GroupIds.RECIPIENT, m.recipient);
        recipientPhone = Ui.field(body, GroupIds.RECIPIENT_PHONE, m.recipientPhone);
        province = Ui.field(body, GroupIds.PROVINCE, m.province);
        city = Ui.field(body, GroupIds.CITY, m.city);
        district = Ui.field(body, GroupIds.DISTRICT, m.district);
        street = Ui.field(body, GroupIds.STREET, m.street);
        postcode = Ui.field(body, GroupIds.POSTCODE, m.postcode);
        Ui.button(body, GroupIds.SAVE_FIELDS, m.saveFields, this::saveFields);
        fieldsMessage = Ui.paragraph(body, GroupIds.FIELDS_MESSAGE, "", 1);
    }

    void show(GroupSession s) {
        session = s;
        title.setText(Ui.format(m.sessionTitle, locale, s.company().name(), s.company().creditCode()));
        CompanyWideFields f = s.fields();
        set(employerName, f.employerName());
        set(employerAddress, f.employerAddress());
        set(sharedContact, f.contactName());
        set(sharedContactPhone, f.contactPhone());
        post.setSelection(f.postToCompany());
        set(recipient, f.recipient());
        set(recipientPhone, f.recipientPhone());
        set(province, f.province());
        set(city, f.city());
        set(district, f.district());
        set(street, f.street());
        set(postcode, f.postcode());
        fieldsMessage.setText("");
        boardMessage.setText("");
        importMessage.setText("");
        report.removeAll();
        fillBoard(null);
        tabs.setSelection(s.entries().isEmpty() ? importTab : boardTab);
        page.layout(true, true);
    }

    private static void set(Text t, String value) {
        t.setText(value == null ? "" : value);
    }

    private void fillBoard(String selectId) {
        board.removeAll();
        List<RosterEntry> entries = new ArrayList<>(session.entries());
        entries.sort(Comparator.comparingInt(e -> ORDER.indexOf(e.state())));
        for (RosterEntry e : entries) {
            TableItem item = new TableItem(board, SWT.NONE);
            item.setText(new String[] { e.state().label(locale), e.name(), e.maskedIdNumber(),
                    view.sessions().documentNames(e.documents(), locale),
                    e.reason() == null ? "" : e.reason() });
            item.setData(e.id());
            if (e.id().equals(selectId)) {
                board.setSelection(item);
            }
        }
        Ui.packColumns(board);
        counts.setText(Ui.format(m.countsLine, locale, session.entriesIn(BoardState.WAITING).size(),
                session.entriesIn(BoardState.IN_PROGRESS).size(), session.entriesIn(BoardState.DONE).size(),
                session.entriesIn(BoardState.FOLLOW_UP).size()));
        page.layout(true, true);
    }

    private String selectedId() {
        TableItem[] selected = board.getSelection();
        return selected.length == 1 ? (String) selected[0].getData() : null;
    }

    /** Calls the next waiting applicant, starts their case and opens it. */
    void next() {
        if (session.nextApplicant().isEmpty()) {
            boardMessage.setText(m.noneWaiting);
            return;
        }
        act(() -> started(view.sessions().callNext(session.id())));
    }

    private void startSelected() {
        String id = selectedId();
        if (id != null) {
            act(() -> started(view.sessions().start(session.id(), id)));
        }
    }

    private void started(RosterEntry e) {
        reload(e.id());
        boardMessage.setText(Ui.format(m.caseOpened, locale, e.name(), e.caseId().substring(0, 8)));
        tabs.setSelection(boardTab);
        view.opener().open(e.caseId());
    }

    private void doneSelected() {
        String id = selectedId();
        if (id != null) {
            act(() -> reload(view.sessions().markDone(session.id(), id).id()));
        }
    }

    void refresh() {
        act(() -> {
            session = view.sessions().refresh(session.id());
            fillBoard(selectedId());
        });
    }

    private void followUpSelected() {
        String id = selectedId();
        if (id != null) {
            act(() -> {
                reload(view.sessions().followUp(session.id(), id, followUpReason.getText()).id());
                followUpReason.setText("");
            });
        }
    }

    private void end() {
        act(() -> {
            view.sessions().end(session.id());
            view.showSummary(session.id());
        });
    }

    private void saveFields() {
        CompanyWideFields f = new CompanyWideFields(employerName.getText(), employerAddress.getText(), post.getSelection(),
                recipient.getText(), recipientPhone.getText(), province.getText(), city.getText(), district.getText(),
                street.getText(), postcode.getText(), sharedContact.getText(), sharedContactPhone.getText());
        try {
            session = view.sessions().updateFields(session.id(), f);
            fieldsMessage.setText(m.fieldsSaved);
        } catch (GroupInputException e) {
            fieldsMessage.setText(String.join("\n", e.messages(locale)));
        }
        page.layout(true, true);
    }

    private void reload(String selectId) {
        session = view.sessions().get(session.id());
        fillBoard(selectId);
    }

    /** Runs a board action; a refusal is shown in plain words under the board, and nothing changed. */
    private void act(Runnable action) {
        boardMessage.setText("");
        try {
            action.run();
        } catch (GroupInputException e) {
            boardMessage.setText(String.join("\n", e.messages(locale)));
        } catch (RuntimeException e) {
            // the detail is for support, in the log; the officer reads plain words
            LOG.log(System.Logger.Level.ERROR, "a board action failed in session " + session.id(), e);
            boardMessage.setText(m.actionFailed);
        }
        page.layout(true, true);
    }

    private void browse() {
        FileDialog dialog = new FileDialog(page.getShell(), SWT.OPEN);
        dialog.setFilterExtensions(new String[] { "*.xlsx;*.csv;*.txt", "*.*" });
        String chosen = dialog.open();
        if (chosen != null) {
            file.setText(chosen);
        }
    }

    /** Reads and imports the file on a worker thread; the page shows progress and then the report. */
    private void runImport() {
        String path = file.getText().strip();
        if (path.isEmpty()) {
            return;
        }
        String sessionId = session.id();
        importButton.setEnabled(false);
        progress.setVisible(true);
        importMessage.setText(m.importing);
        report.removeAll();
        page.layout(true, true);
        var display = page.getDisplay();
        Thread worker = new Thread(() -> {
            Object outcome;
            try {
                Path p = Path.of(path);
                if (Files.size(p) > RosterLimits.DEFAULT.maxFileBytes()) {
                    throw new RosterFileException(GroupProblem.Code.FILE_TOO_LARGE,
                            String.valueOf(RosterLimits.DEFAULT.maxFileBytes() / (1024 * 1024)));
                }
                outcome = view.sessions().importRoster(sessionId, Files.readAllBytes(p));
            } catch (RosterFileException e) {
                outcome = e.message(locale);
            } catch (GroupInputException e) {
                outcome = String.join("\n", e.messages(locale));
            } catch (IOException | java.nio.file.InvalidPathException e) {
                LOG.log(System.Logger.Level.WARNING, "the roster file " + path + " cannot be read", e);
                outcome = m.fileUnreadable;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "importing the roster " + path + " failed", e);
                outcome = m.actionFailed;
            }
            Object result = outcome;
            display.asyncExec(() -> imported(sessionId, result));
        }, "doorstep-roster-import");
        worker.setDaemon(true);
        worker.start();
    }

    private void imported(String sessionId, Object result) {
        if (page.isDisposed() || !sessionId.equals(session.id())) {
            return;
        }
        progress.setVisible(false);
        importButton.setEnabled(true);
        if (result instanceof ImportReport r) {
            importMessage.setText(Ui.format(m.importDone, locale, r.format().label(locale), r.rows(), r.added().size(),
                    r.refusedRows()));
            for (GroupProblem p : r.problems()) {
                TableItem item = new TableItem(report, SWT.NONE);
                item.setText(new String[] { String.valueOf(p.row()), p.columnLabel(locale), p.reason(locale) });
            }
            Ui.packColumns(report);
            reload(null);
        } else {
            importMessage.setText(Ui.format(m.importNothing, locale, result));
        }
        page.layout(true, true);
    }
}
