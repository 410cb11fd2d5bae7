package org.doorstep.ui.internal.parts;

import java.util.Locale;

import org.doorstep.core.status.Subscription;
import org.doorstep.core.status.SyncStatusService;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.Messages;
import org.doorstep.ui.internal.StatusTexts;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;

/** The link to HQ, what is still waiting to be sent, and when HQ last answered. */
public class SyncPart {

    private Subscription subscription;

    @PostConstruct
    public void createControls(Composite parent, @Translation Messages messages,
            @Named(TranslationService.LOCALE) Locale locale, SyncStatusService syncStatus, UISynchronize ui) {
        Widgets.section(parent, WidgetIds.SECTION_SYNC, messages.sync_heading);
        Label link = new Label(parent, SWT.NONE);
        Label backlog = new Label(parent, SWT.NONE);
        Label lastContact = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(link);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(backlog);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(lastContact);

        StatusTexts texts = new StatusTexts(messages, locale);
        subscription = syncStatus.subscribe(status -> ui.asyncExec(() -> {
            if (parent.isDisposed()) {
                return;
            }
            link.setText(texts.linkLine(status));
            backlog.setText(texts.backlog(status));
            lastContact.setText(texts.lastContact(status));
            parent.layout(true, true);
        }));
    }

    @PreDestroy
    public void dispose() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
