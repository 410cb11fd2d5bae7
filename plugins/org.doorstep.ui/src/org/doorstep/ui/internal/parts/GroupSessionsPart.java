package org.doorstep.ui.internal.parts;

import java.util.Locale;
import java.util.Optional;

import org.doorstep.core.vault.VaultAccess;
import org.doorstep.field.FieldContext;
import org.doorstep.field.Visits;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.cases.CaseOpenRequest;
import org.doorstep.ui.internal.cases.CasesMessages;
import org.doorstep.ui.internal.cases.FieldContexts;
import org.doorstep.ui.internal.group.GroupMessages;
import org.doorstep.ui.internal.group.GroupSessionsView;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;

/**
 * Group sessions at companies: create or resume a session, import the roster, the board of applicants, the summary
 * (package {@code org.doorstep.ui.internal.group}). The vault comes from core's {@link VaultAccess}.
 */
public class GroupSessionsPart {

    private GroupSessionsView view;
    private FieldContext context;
    private Composite area;

    @PostConstruct
    public void createControls(Composite parent, @Translation GroupMessages messages, @Translation CasesMessages cases,
            @Named(TranslationService.LOCALE) Locale locale, @org.eclipse.e4.core.di.annotations.Optional VaultAccess vaults,
            MApplication application) {
        area = Widgets.id(new Composite(parent, SWT.NONE), WidgetIds.SECTION_GROUP_SESSIONS);
        context = FieldContexts.of(cases);
        // an applicant's case is started as a guided case, so the officer carries it on through the guided steps
        view = new GroupSessionsView(area, messages, locale,
                () -> vaults == null ? Optional.empty() : vaults.vault(), caseId -> application.getContext().set(CaseOpenRequest.class, new CaseOpenRequest(caseId)),
                vault -> (form, links, label) -> new Visits(vault, context).startPrefilled(form, links).caseId());
    }

    @PreDestroy
    public void dispose() {
        if (context != null) {
            context.close();
        }
    }

    /** Coming back to the area looks for an unlocked vault again (the officer may have unlocked meanwhile). */
    @Focus
    public void focus() {
        if (view != null && !area.isDisposed()) {
            view.recheck();
            area.setFocus();
        }
    }
}
