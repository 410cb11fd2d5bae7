package org.doorstep.sync.chunk;

/** A chunk that is not one: cut short, altered, or inconsistent with the other chunks of its packet. */
public final class ChunkFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What was wrong, for the reject record HQ keeps and sends back. */
    public enum Reason {
        TRUNCATED, BAD_MAGIC, UNSUPPORTED_VERSION, BAD_HEADER, TOO_LARGE, DIGEST_MISMATCH, INCONSISTENT, CONFLICT
    }

    private final Reason reason;

    public ChunkFormatException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
