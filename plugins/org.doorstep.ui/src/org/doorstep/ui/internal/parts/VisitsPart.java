package org.doorstep.ui.internal.parts;

import java.time.Clock;
import java.util.Locale;

import org.doorstep.core.vault.VaultAccess;
import org.doorstep.domain.notice.Office;
import org.doorstep.field.FieldContext;
import org.doorstep.field.Visits;
import org.doorstep.fingerprint.CaptureOptions;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.Messages;
import org.doorstep.ui.internal.cases.CasesMessages;
import org.doorstep.ui.internal.cases.CasesScreens;
import org.doorstep.ui.internal.cases.FileChooser;
import org.eclipse.e4.core.di.annotations.Optional;
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

    @PostConstruct
    public void createControls(Composite parent, @Translation Messages messages, @Translation CasesMessages cases,
            @Named(TranslationService.LOCALE) Locale locale, VaultAccess vaultAccess, @Optional FileChooser files) {
        Widgets.section(parent, WidgetIds.SECTION_VISITS, messages.visits_heading);
        // the office printed on the one-time notice: the laptop's unit, until the laptop's settings carry it
        context = new FieldContext(Clock.systemDefaultZone(),
                new Office(cases.office_name, cases.office_address, cases.office_phone, cases.office_hours),
                CaptureOptions.DEFAULT);
        CasesScreens.create(parent, cases, locale, () -> vaultAccess.vault()
                .filter(v -> v.status() == org.doorstep.vault.Vault.Status.UNLOCKED)
                .map(v -> new Visits(v, context)), files == null ? FileChooser.SYSTEM : files);
    }

    @PreDestroy
    public void dispose() {
        if (context != null) {
            context.close();
        }
    }
}
