package org.doorstep.core.status;

import java.util.function.Consumer;

import org.doorstep.sync.SyncStatus;

/** Publishes the link and backlog state of the sync client. Listeners may be called on any thread. */
public interface SyncStatusService {

    SyncStatus current();

    /** Calls {@code listener} with the current value at once and again on every change. */
    Subscription subscribe(Consumer<SyncStatus> listener);
}
