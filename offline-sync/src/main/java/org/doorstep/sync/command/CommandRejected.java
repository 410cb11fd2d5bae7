package org.doorstep.sync.command;

/** A command the laptop refuses, with the reason it records and reports to HQ. */
public final class CommandRejected extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        MALFORMED, FORGED, OTHER_DEVICE, REPLAYED, EXPIRED, NOT_YET_VALID
    }

    private final Reason reason;

    public CommandRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
