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
    void translate(@Translation Messages messages, @Named(TranslationService.LOCALE) Locale locale) {
        texts = new StatusTexts(messages, locale);
        refresh();
    }

    @PostConstruct
    public void createControls(Composite parent, DeviceStatusService deviceStatus, SyncStatusService syncStatus,
            UISynchronize ui) {
        line = Widgets.cssClass(Widgets.id(new Composite(parent, SWT.NONE), WidgetIds.STATUS_LINE), "statusLine");
        GridLayoutFactory.fillDefaults().numColumns(2).margins(12, 6).spacing(24, 0).applyTo(line);
        device = Widgets.id(new Label(line, SWT.NONE), WidgetIds.STATUS_DEVICE);
        sync = Widgets.id(new Label(line, SWT.RIGHT), WidgetIds.STATUS_SYNC);
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
