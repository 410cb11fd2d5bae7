package org.doorstep.ui.internal.parts;

import java.util.Locale;

import org.doorstep.core.status.DeviceStatus;
import org.doorstep.core.status.DeviceStatusService;
import org.doorstep.core.status.Subscription;
import org.doorstep.core.status.SyncStatusService;
import org.doorstep.sync.SyncStatus;
import org.doorstep.ui.WidgetIds;
import org.doorstep.ui.internal.Messages;
import org.doorstep.ui.internal.StatusTexts;
import org.doorstep.ui.internal.vault.LocalizedTexts;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The status line at the bottom of the window: device (vault) state on the left, link and backlog on the
 * right. Listens to the status services and updates on the UI thread, and again in the new language when the
 * language changes. It stays visible over the lock screen: it shows no case data.
 */
public class StatusLine {

    private Subscription deviceSubscription;
    private Subscription syncSubscription;
    private StatusTexts texts;
    private Composite line;
    private Label device;
    private Label sync;
    private volatile DeviceStatus lastDevice;
    private volatile SyncStatus lastSync;

    @Inject
    private UISynchronize uiSync;

    /** At creation and whenever the language switch changes the application's locale. */
    @Inject
    void translate(@Optional @Named(TranslationService.LOCALE) Object locale, LocalizedTexts localized) {
        if (locale == null) {
            return; // being uninjected
        }
        Locale l = LocalizedTexts.toLocale(locale);
        texts = new StatusTexts(localized.of(Messages.class, l), l);
        uiSync.asyncExec(this::refresh);
    }

    @PostConstruct
    public void createControls(Composite parent, DeviceStatusService deviceStatus, SyncStatusService syncStatus,
            UISynchronize ui) {
        line = Widgets.cssClass(Widgets.id(new Composite(parent, SWT.NONE), WidgetIds.STATUS_LINE), "statusLine");
        GridLayoutFactory.fillDefaults().numColumns(2).margins(12, 6).spacing(24, 0).applyTo(line);
        device = Widgets.cssClass(Widgets.id(new Label(line, SWT.NONE), WidgetIds.STATUS_DEVICE), "statusText");
        sync = Widgets.cssClass(Widgets.id(new Label(line, SWT.RIGHT), WidgetIds.STATUS_SYNC), "statusText");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(device);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(sync);

        deviceSubscription = deviceStatus.subscribe(status -> {
            lastDevice = status;
            ui.asyncExec(this::refresh);
        });
        syncSubscription = syncStatus.subscribe(status -> {
            lastSync = status;
            ui.asyncExec(this::refresh);
        });
    }

    private void refresh() {
        if (line == null || line.isDisposed() || texts == null) {
            return;
        }
        if (lastDevice != null) {
            device.setText(texts.device(lastDevice));
        }
        if (lastSync != null) {
            sync.setText(texts.syncSummary(lastSync));
        }
        line.layout(true);
        line.getParent().layout(true);
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
