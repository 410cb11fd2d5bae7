package org.doorstep.vault.keys;

import java.time.Duration;

import org.doorstep.vault.crypto.Argon2Settings;

/**
 * What an administrator can set about unlocking, with the documented defaults.
 *
 * @param maxFailedAttempts     failed unlocks in a row after which the vault locks out (default 10)
 * @param destroyKeysOnLockout  whether a lock-out also destroys every wrapped key, making the vault
 *                              unreadable for good (default false: a locked-out laptop goes back to HQ)
 * @param warnWhenRemaining     from how many remaining attempts on the officer is warned (default 3)
 * @param backoffFreeAttempts   failures allowed before waiting starts (default 3)
 * @param maxBackoff            longest wait between attempts (default 5 minutes)
 * @param idleLock              inactivity after which an unlocked vault locks again (default 5 minutes)
 * @param argon2                cost of deriving a key from a passphrase (default {@link Argon2Settings#DEFAULT})
 */
public record VaultPolicy(int maxFailedAttempts, boolean destroyKeysOnLockout, int warnWhenRemaining,
        int backoffFreeAttempts, Duration maxBackoff, Duration idleLock, Argon2Settings argon2) {

    public static final VaultPolicy DEFAULT = new VaultPolicy(10, false, 3, 3, Duration.ofMinutes(5),
            Duration.ofMinutes(5), Argon2Settings.DEFAULT);

    public VaultPolicy {
        if (maxFailedAttempts < 1) {
            throw new IllegalArgumentException("maxFailedAttempts must be at least 1, not " + maxFailedAttempts);
        }
        if (warnWhenRemaining < 0 || backoffFreeAttempts < 0) {
            throw new IllegalArgumentException("warnWhenRemaining and backoffFreeAttempts must not be negative");
        }
        if (maxBackoff.isNegative() || idleLock.isNegative() || idleLock.isZero()) {
            throw new IllegalArgumentException("maxBackoff must not be negative and idleLock must be positive");
        }
    }

    public VaultPolicy withArgon2(Argon2Settings settings) {
        return new VaultPolicy(maxFailedAttempts, destroyKeysOnLockout, warnWhenRemaining, backoffFreeAttempts,
                maxBackoff, idleLock, settings);
    }

    public VaultPolicy withLockout(int attempts, boolean destroyKeys) {
        return new VaultPolicy(attempts, destroyKeys, warnWhenRemaining, backoffFreeAttempts, maxBackoff, idleLock,
                argon2);
    }

    /**
     * Wait imposed after the given number of consecutive failures: none for the first
     * {@link #backoffFreeAttempts}, then 1 s, 2 s, 4 s … doubling up to {@link #maxBackoff}.
     */
    public Duration backoffAfter(int failures) {
        int excess = failures - backoffFreeAttempts;
        if (excess <= 0) {
            return Duration.ZERO;
        }
        Duration wait = Duration.ofSeconds(excess > 62 ? Long.MAX_VALUE : 1L << (excess - 1));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
