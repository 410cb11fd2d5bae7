package org.doorstep.core.sync;

/** Whether the laptop's sync service runs, and if not, why not: the sync view says it in words. */
public enum SyncEngineState {
    /** First start: there is no vault yet. */
    NO_VAULT,
    /** The vault is locked: the service needs its keys, so it is stopped and shows no cases. */
    LOCKED,
    /** Unlocked, but this laptop has not been enrolled with HQ for sync. */
    NOT_ENROLLED,
    /** HQ revoked this laptop's certificate: nothing is sent until it is enrolled again. */
    REVOKED,
    /** Being started (recovering half-done sealing, loading the outbox). */
    STARTING,
    /** Running: connecting, connected, or waiting to reconnect. */
    RUNNING,
    /** Could not start; the problem says why. */
    FAILED
}
