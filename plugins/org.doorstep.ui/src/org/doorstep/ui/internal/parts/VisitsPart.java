package org.doorstep.ui.internal.parts;

import java.util.Locale;

import org.doorstep.core.vault.VaultAccess;
import org.doorstep.field.FieldContext;
import org.doorstep.field.Visits;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.Messages;
import org.doorstep.ui.internal.cases.CasesMessages;
import org.doorstep.ui.internal.cases.CasesScreens;
import org.doorstep.ui.internal.cases.FieldContexts;
import org.doorstep.ui.internal.cases.FileChooser;
import org.doorstep.ui.internal.cases.PrinterChooser;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;

/**
 * Today's home-visit work orders and ad-hoc cases; opening one starts the guided case. The screens are in
 * {@code org.doorstep.ui.internal.cases}; the rules behind them in {@code org.doorstep.field}.
 */
public class VisitsPart {

    private FieldContext context;
    private CasesScreens screens;

    @PostConstruct
    public void createControls(Composite parent, @Translation Messages messages, @Translation CasesMessages cases,
            @Named(TranslationService.LOCALE) Locale locale, VaultAccess vaultAccess, IEclipseContext eclipseContext) {
        Widgets.section(parent, WidgetIds.SECTION_VISITS, messages.visits_heading);
        context = FieldContexts.of(cases);
        screens = CasesScreens.create(parent, cases, locale, () -> vaultAccess.vault()
                .filter(v -> v.status() == org.doorstep.vault.Vault.Status.UNLOCKED)
                .map(v -> new Visits(v, context)), chooser(eclipseContext), printers(eclipseContext));
    }

    /** The printer chooser put into the e4 context (a test's), else the system's print dialog; looked up at each use. */
    private static PrinterChooser printers(IEclipseContext eclipseContext) {
        return shell -> {
            PrinterChooser given = eclipseContext.get(PrinterChooser.class);
            return (given == null ? PrinterChooser.SYSTEM : given).choose(shell);
        };
    }

    /**
     * The file chooser in the e4 context when there is one (UI tests put one there), else the system's dialog;
     * looked up at each use, so one put into the context after the part was made still counts.
     */
    private static FileChooser chooser(IEclipseContext eclipseContext) {
        return new FileChooser() {
            @Override
            public java.util.Optional<java.nio.file.Path> open(org.eclipse.swt.widgets.Shell shell, String extensions,
                    String description) {
                return current().open(shell, extensions, description);
            }

            @Override
            public java.util.Optional<java.nio.file.Path> save(org.eclipse.swt.widgets.Shell shell, String suggested,
                    String extensions, String description) {
                return current().save(shell, suggested, extensions, description);
            }

            private FileChooser current() {
                FileChooser given = eclipseContext.get(FileChooser.class);
                return given == null ? FileChooser.SYSTEM : given;
            }
        };
    }

    /** Shows case {@code caseId} at its guided steps (see {@code CaseOpeningAddon}, which brings the area forward). */
    public void open(String caseId) {
        if (screens != null && caseId != null) {
            screens.open(caseId);
        }
    }

    @PreDestroy
    public void dispose() {
        if (context != null) {
            context.close();
        }
    }
}
