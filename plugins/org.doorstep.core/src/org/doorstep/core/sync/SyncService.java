package org.doorstep.core.sync;

import java.util.function.Consumer;

import org.doorstep.core.status.Subscription;

/**
 * The laptop's sync service as the sync view sees it: started when an officer unlocks a laptop enrolled with HQ,
 * stopped when the vault locks. Listeners may be called on any thread.
 */
public interface SyncService {

    SyncOverview current();

    /** Calls {@code listener} with the current value at once and again on every change. */
    Subscription subscribe(Consumer<SyncOverview> listener);

    /** "Sync now": looks at the outbox at once and reads the lists again. Returns at once. */
    void syncNow();
}
