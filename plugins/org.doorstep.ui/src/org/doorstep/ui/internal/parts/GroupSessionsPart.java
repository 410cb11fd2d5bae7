package org.doorstep.ui.internal.parts;

import java.util.Locale;
import java.util.Optional;

import org.doorstep.core.vault.VaultAccess;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.group.GroupMessages;
import org.doorstep.ui.internal.group.GroupSessionsView;
import org.doorstep.ui.internal.group.EventCaseOpeners;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Named;

/**
 * Group sessions at companies: create or resume a session, import the roster, the board of applicants, the summary
 * (package {@code org.doorstep.ui.internal.group}). The vault comes from core's {@link VaultAccess}.
 */
public class GroupSessionsPart {

    private GroupSessionsView view;
    private Composite area;

    @PostConstruct
    public void createControls(Composite parent, @Translation GroupMessages messages,
            @Named(TranslationService.LOCALE) Locale locale, @org.eclipse.e4.core.di.annotations.Optional VaultAccess vaults,
            @org.eclipse.e4.core.di.annotations.Optional IEventBroker broker) {
        area = Widgets.id(new Composite(parent, SWT.NONE), WidgetIds.SECTION_GROUP_SESSIONS);
        view = new GroupSessionsView(area, messages, locale,
                () -> vaults == null ? Optional.empty() : vaults.vault(), EventCaseOpeners.of(broker));
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
