package org.doorstep.ui.internal.cases;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.doorstep.field.GuidedCase;
import org.doorstep.field.Visits;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/**
 * The visits area: the list of today's visits, or the guided case opened from it, one at a time. While the vault is
 * locked (or not set up) it says so and offers to look again once it is unlocked.
 */
public final class CasesScreens {

    private static final System.Logger LOG = System.getLogger(CasesScreens.class.getName());

    private final Composite stack;
    private final StackLayout layout = new StackLayout();
    private final CasesMessages m;
    private final Locale locale;
    private final Supplier<Optional<Visits>> visits;
    private final FileChooser files;
    private final PrinterChooser printers;

    private CasesScreens(Composite parent, CasesMessages m, Locale locale, Supplier<Optional<Visits>> visits,
            FileChooser files, PrinterChooser printers) {
        this.files = files;
        this.printers = printers;
        this.m = m;
        this.locale = locale;
        this.visits = visits;
        stack = new Composite(parent, SWT.NONE);
        stack.setLayout(layout);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(stack);
        showList();
    }

    /** Builds the visits area in {@code parent} (a part's composite with a grid layout). */
    public static CasesScreens create(Composite parent, CasesMessages m, Locale locale, Supplier<Optional<Visits>> visits,
            FileChooser files, PrinterChooser printers) {
        return new CasesScreens(parent, m, locale, visits, files, printers);
    }

    /**
     * Shows case {@code caseId} at its guided steps (one another area started, say); the visits list when the vault
     * is not unlocked or the case cannot be opened.
     */
    public void open(String caseId) {
        if (stack.isDisposed()) {
            return;
        }
        Optional<Visits> open = visits.get();
        if (open.isEmpty()) {
            showList();
            return;
        }
        GuidedCase guided;
        try {
            guided = open.get().resume(caseId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "case " + caseId + " cannot be opened: " + e.getMessage(), e);
            showList();
            return;
        }
        showCase(guided);
    }

    private void showList() {
        clear();
        Optional<Visits> open = visits.get();
        if (open.isEmpty()) {
            Composite locked = new Composite(stack, SWT.NONE);
            GridLayoutFactory.fillDefaults().spacing(0, 12).applyTo(locked);
            Ui.id(Ui.label(locked, m.visits_locked), CaseIds.VISITS_MESSAGE);
            Ui.button(locked, CaseIds.VISITS_REFRESH, m.visits_refresh, this::showList);
            show(locked);
            return;
        }
        show(new VisitsView(stack, m, open.get(), this::showCase).control());
    }

    private void showCase(GuidedCase guided) {
        clear();
        show(new GuidedCaseView(stack, m, locale, guided, files, printers, this::showList).control());
    }

    private void clear() {
        for (Control c : stack.getChildren()) {
            c.dispose();
        }
    }

    private void show(Control top) {
        layout.topControl = top;
        stack.layout(true, true);
    }
}
