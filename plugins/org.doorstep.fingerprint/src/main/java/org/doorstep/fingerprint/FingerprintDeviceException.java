package org.doorstep.fingerprint;

/** A scanner or its device service failed: not found, timed out, or answered something unusable. */
public class FingerprintDeviceException extends FingerprintException {

    private static final long serialVersionUID = 1L;

    public FingerprintDeviceException(String key, Object... args) {
        super(key, args);
    }

    public FingerprintDeviceException(Throwable cause, String key, Object... args) {
        super(cause, key, args);
    }
}
