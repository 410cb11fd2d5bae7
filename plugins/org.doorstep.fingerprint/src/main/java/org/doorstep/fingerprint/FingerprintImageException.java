package org.doorstep.fingerprint;

/** A finger image, photo or finger image record that cannot be used: empty, cut short, damaged, too large. */
public class FingerprintImageException extends FingerprintException {

    private static final long serialVersionUID = 1L;

    public FingerprintImageException(String key, Object... args) {
        super(key, args);
    }

    public FingerprintImageException(Throwable cause, String key, Object... args) {
        super(cause, key, args);
    }
}
