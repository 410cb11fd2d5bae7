package org.doorstep.fingerprint;

import java.time.Duration;

/**
 * A source of finger images: a scanner behind its device service, a file import, or the simulator. Drivers
 * never store anything; a failed capture throws and leaves every earlier capture as it was.
 */
public interface FingerprintDriver extends AutoCloseable {

    DriverInfo describe();

    /**
     * One image of the finger at {@code position}. {@code timeout} is how long the officer and applicant have
     * to place the finger on a scanner; drivers that do not wait (import, simulator) do not use it.
     */
    FingerCapture capture(FingerPosition position, Duration timeout) throws FingerprintException;

    /** Releases connections and threads; the default has none to release. */
    @Override
    default void close() {
    }
}
