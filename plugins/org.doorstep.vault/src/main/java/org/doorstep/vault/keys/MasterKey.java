package org.doorstep.vault.keys;

import java.util.Arrays;

/**
 * The vault master key, held only while the vault is unlocked. {@link #close()} overwrites it; a closed
 * key refuses to be used.
 */
public final class MasterKey implements AutoCloseable {

    public static final int BYTES = 32;

    private final byte[] key;
    private boolean destroyed;

    MasterKey(byte[] key) {
        if (key.length != BYTES) {
            throw new IllegalArgumentException("master key must have " + BYTES + " bytes");
        }
        this.key = key.clone();
        Arrays.fill(key, (byte) 0);
    }

    /** A copy of the key bytes; the caller zeroises it after use. */
    public synchronized byte[] bytes() {
        if (destroyed) {
            throw new IllegalStateException("the vault is locked: its master key has been destroyed");
        }
        return key.clone();
    }

    public synchronized boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public synchronized void close() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }
}
