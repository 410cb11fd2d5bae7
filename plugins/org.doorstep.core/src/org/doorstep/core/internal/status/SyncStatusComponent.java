package org.doorstep.core.internal.status;

import java.util.function.Consumer;

import org.doorstep.core.status.Subscription;
import org.doorstep.core.status.SyncStatusService;
import org.doorstep.sync.SyncStatus;
import org.osgi.service.component.annotations.Component;

/**
 * Holds the sync status. A laptop without a sync client configured has never reached HQ; the sync
 * client publishes link and backlog changes through {@link #publish(SyncStatus)}.
 */
@Component(service = { SyncStatusService.class, SyncStatusComponent.class })
public final class SyncStatusComponent implements SyncStatusService {

    private final ObservableValue<SyncStatus> status = new ObservableValue<>(SyncStatus.neverConnected());

    @Override
    public SyncStatus current() {
        return status.get();
    }

    @Override
    public Subscription subscribe(Consumer<SyncStatus> listener) {
        return status.subscribe(listener);
    }

    public void publish(SyncStatus newStatus) {
        status.set(newStatus);
    }
}
