package org.doorstep.vault.keys;

import java.time.Duration;

/** The outcome of one unlock attempt; the UI and the command line turn each into plain words. */
public sealed interface UnlockResult {

    /** The passphrase was right: the vault master key, to be zeroised when the vault locks. */
    record Unlocked(Officer officer, MasterKey masterKey) implements UnlockResult {
    }

    /**
     * Wrong passphrase (or unknown officer: indistinguishable on purpose).
     *
     * @param remainingAttempts attempts left before lock-out
     * @param warn              whether the officer should be warned that lock-out is near
     * @param retryAfter        how long to wait before the next attempt is accepted
     */
    record Refused(int remainingAttempts, boolean warn, Duration retryAfter) implements UnlockResult {
    }

    /** An attempt came before the back-off ended; it was not tried and not counted. */
    record TooSoon(Duration retryAfter) implements UnlockResult {
    }

    /** Too many failures: no further attempts are accepted on this laptop. */
    record LockedOut(boolean keysDestroyed) implements UnlockResult {
    }
}
