package org.doorstep.ui.internal.group;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.group.Company;
import org.doorstep.group.CompanyWideFields;
import org.doorstep.group.GroupInputException;
import org.doorstep.group.GroupSession;
import org.doorstep.group.GroupSessions;
import org.doorstep.group.RosterLimits;
import org.doorstep.group.VaultCaseStarter;
import org.doorstep.vault.Vault;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The group-session work area: a page that asks for the device to be unlocked, the start page (resume a session or
 * create one for a company), the session page ({@link SessionPage}) and the summary ({@link SummaryPage}). All rules
 * are the group module's ({@link GroupSessions}); this class only shows them. Keys: Ctrl+N calls the next applicant,
 * F5 refreshes (or checks the vault again); they work anywhere inside this area.
 */
public final class GroupSessionsView {

    private final GroupMessages m;
    private final Locale locale;
    private final Supplier<Optional<Vault>> vaultSource;
    private final CaseOpener opener;
    private final Function<Vault, VaultCaseStarter.CaseCreator> creators;
    private final Composite root;
    private final StackLayout stack = new StackLayout();
    private final Composite noVault;
    private final Composite start;
    private final SessionPage session;
    private final SummaryPage summary;
    private final Listener keys = this::key;

    private GroupSessions sessions;
    private Vault vault;
    private Table sessionList;
    private Text name;
    private Text creditCode;
    private Text contactName;
    private Text contactPhone;
    private Text address;
    private Label createProblems;

    public GroupSessionsView(Composite parent, GroupMessages messages, Locale locale, Supplier<Optional<Vault>> vaultSource,
            CaseOpener opener, Function<Vault, VaultCaseStarter.CaseCreator> creators) {
        this.creators = creators;
        this.m = messages;
        this.locale = locale;
        this.vaultSource = vaultSource;
        this.opener = opener;
        this.root = parent;
        parent.setLayout(stack);
        noVault = page();
        start = page();
        Composite sessionArea = page();
        Composite summaryArea = page();
        buildNoVault();
        buildStart();
        session = new SessionPage(sessionArea, this);
        summary = new SummaryPage(summaryArea, this);
        Display display = parent.getDisplay();
        display.addFilter(SWT.KeyDown, keys);
        parent.addListener(SWT.Dispose, e -> display.removeFilter(SWT.KeyDown, keys));
        reload();
    }

    GroupMessages messages() {
        return m;
    }

    Locale locale() {
        return locale;
    }

    GroupSessions sessions() {
        return sessions;
    }

    CaseOpener opener() {
        return opener;
    }

    Vault vault() {
        return vault;
    }

    /** Looks for an unlocked vault again; shows the start page when there is one. */
    public void reload() {
        Optional<Vault> v = vaultSource.get();
        if (v.isEmpty() || v.get().status() != Vault.Status.UNLOCKED) {
            sessions = null;
            show(noVault);
            return;
        }
        if (vault != v.get()) {
            vault = v.get();
            // the built-in catalogue until HQ's catalogues reach the product with the sync service
            Catalogue catalogue = Catalogue.builtIn();
            sessions = new GroupSessions(vault, catalogue, Clock.systemDefaultZone(),
                    new VaultCaseStarter(catalogue, creators.apply(vault)), RosterLimits.DEFAULT);
        }
        showStart();
    }

    /** Looks for the vault again if it was not unlocked before; otherwise leaves the page as it is. */
    public void recheck() {
        if (stack.topControl == noVault) {
            reload();
        }
    }

    void showStart() {
        sessionList.removeAll();
        for (GroupSession s : sessions.list()) {
            if (s.ended() == null) {
                TableItem item = new TableItem(sessionList, SWT.NONE);
                item.setText(new String[] { s.company().name(), s.company().creditCode(),
                        String.valueOf(s.entries().size()) });
                item.setData(s.id());
            }
        }
        Ui.packColumns(sessionList);
        if (sessionList.getItemCount() > 0) {
            sessionList.select(0);
        }
        show(start);
    }

    void showSession(String id) {
        session.show(sessions.get(id));
        show(session.control());
    }

    void showSummary(String id) {
        summary.show(sessions.get(id));
        show(summary.control());
    }

    private Composite page() {
        Composite page = new Composite(root, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(16, 16).spacing(12, 10).numColumns(2).applyTo(page);
        return page;
    }

    private void show(Control page) {
        stack.topControl = page;
        root.layout(true, true);
    }

    private void buildNoVault() {
        Ui.heading(noVault, m.heading, 2);
        Ui.paragraph(noVault, GroupIds.NO_VAULT, m.noVault, 2);
        Ui.button(noVault, GroupIds.RETRY, m.retry, this::reload);
    }

    private void buildStart() {
        Ui.heading(start, m.heading, 2);
        Label resumeHeading = new Label(start, SWT.NONE);
        resumeHeading.setText(m.resumeHeading);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(resumeHeading);
        sessionList = Ui.table(start, GroupIds.SESSIONS, m.companyName, m.creditCode, m.boardHeading);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(SWT.DEFAULT, 160).applyTo(sessionList);
        sessionList.addListener(SWT.DefaultSelection, e -> resumeSelected());
        Ui.button(start, GroupIds.RESUME, m.resume, this::resumeSelected);
        new Label(start, SWT.NONE);

        Label newHeading = new Label(start, SWT.NONE);
        newHeading.setText(m.newHeading);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(newHeading);
        name = Ui.field(start, GroupIds.COMPANY_NAME, m.companyName);
        creditCode = Ui.field(start, GroupIds.CREDIT_CODE, m.creditCode);
        contactName = Ui.field(start, GroupIds.CONTACT_NAME, m.contactName);
        contactPhone = Ui.field(start, GroupIds.CONTACT_PHONE, m.contactPhone);
        address = Ui.field(start, GroupIds.COMPANY_ADDRESS, m.companyAddress);
        Ui.button(start, GroupIds.CREATE, m.create, this::create);
        createProblems = Ui.paragraph(start, GroupIds.CREATE_PROBLEMS, "", 1);
    }

    private void resumeSelected() {
        TableItem[] selected = sessionList.getSelection();
        if (selected.length == 1) {
            showSession((String) selected[0].getData());
        }
    }

    private void create() {
        Company company = new Company(name.getText(), creditCode.getText(), contactName.getText(), contactPhone.getText(),
                address.getText());
        try {
            GroupSession created = sessions.create(company, CompanyWideFields.defaultsFor(company));
            createProblems.setText("");
            for (Text t : List.of(name, creditCode, contactName, contactPhone, address)) {
                t.setText("");
            }
            showSession(created.id());
        } catch (GroupInputException e) {
            createProblems.setText(String.join("\n", e.messages(locale)));
            start.layout(true, true);
        }
    }

    private void key(Event e) {
        if (root.isDisposed() || !root.isVisible() || !(e.widget instanceof Control c) || !inside(c)) {
            return;
        }
        if (e.keyCode == SWT.F5) {
            if (stack.topControl == noVault) {
                reload();
            } else if (stack.topControl == session.control()) {
                session.refresh();
            }
            e.doit = false;
        } else if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == 'n' || e.keyCode == 'N')
                && stack.topControl == session.control()) {
            session.next();
            e.doit = false;
        }
    }

    private boolean inside(Control c) {
        for (Control p = c; p != null; p = p.getParent()) {
            if (p == root) {
                return true;
            }
        }
        return false;
    }
}
