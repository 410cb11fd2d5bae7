package org.doorstep.ui.internal.parts;

import java.util.Locale;

import org.doorstep.core.status.DeviceStatusService;
import org.doorstep.core.status.Subscription;
import org.doorstep.core.status.SyncStatusService;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.Messages;
import org.doorstep.ui.internal.StatusTexts;
import org.eclipse.e4.core.services.nls.Translation;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;

/**
 * The status line at the bottom of the window: device (vault) state on the left, link and backlog on the
 * right. Listens to the status services and updates on the UI thread.
 */
public class StatusLine {

    private Subscription deviceSubscription;
    private Subscription syncSubscription;

    @PostConstruct
    public void createControls(Composite parent, @Translation Messages messages,
            @Named(TranslationService.LOCALE) Locale locale, DeviceStatusService deviceStatus,
            SyncStatusService syncStatus, UISynchronize ui) {
        Composite line = Widgets.cssClass(Widgets.id(new Composite(parent, SWT.NONE), WidgetIds.STATUS_LINE),
                "statusLine");
        GridLayoutFactory.fillDefaults().numColumns(2).margins(12, 6).spacing(24, 0).applyTo(line);
        Label device = Widgets.id(new Label(line, SWT.NONE), WidgetIds.STATUS_DEVICE);
        Label sync = Widgets.id(new Label(line, SWT.RIGHT), WidgetIds.STATUS_SYNC);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(device);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(sync);

        StatusTexts texts = new StatusTexts(messages, locale);
        deviceSubscription = deviceStatus.subscribe(status -> update(ui, line, device, texts.device(status)));
        syncSubscription = syncStatus.subscribe(status -> update(ui, line, sync, texts.syncSummary(status)));
    }

    private static void update(UISynchronize ui, Composite line, Label label, String text) {
        ui.asyncExec(() -> {
            if (!label.isDisposed()) {
                label.setText(text);
                line.layout(true);
                line.getParent().layout(true);
            }
        });
    }

    @PreDestroy
    public void dispose() {
        if (deviceSubscription != null) {
            deviceSubscription.close();
        }
        if (syncSubscription != null) {
            syncSubscription.close();
        }
    }
}
