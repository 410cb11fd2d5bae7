package org.doorstep.sync.protocol;

/** A protocol message from outside that is refused, with what was wrong in words. */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** not the expected JSON, an unknown or missing field, too large */
        MALFORMED,
        /** the signature does not verify with the expected key */
        FORGED,
        /** meant for another device */
        OTHER_DEVICE
    }

    private final Reason reason;

    public ProtocolException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
