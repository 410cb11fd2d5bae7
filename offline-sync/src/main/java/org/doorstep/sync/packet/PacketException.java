package org.doorstep.sync.packet;

/**
 * A packet that HQ refuses to accept, with the reason as a code that ingest can act on (store nothing, count
 * it, tell the operator). The message says what exactly was wrong; it never contains packet content.
 */
public final class PacketException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a packet was refused. */
    public enum Reason {
        /** The packet was altered after sealing: the GCM tag, an entry digest or a length does not match. */
        TAMPERED,
        /** It is not addressed to this HQ key, or the content key cannot be unwrapped with it. */
        UNDECRYPTABLE,
        /** It is signed by the expected device certificate, but the signature does not verify. */
        BAD_SIGNATURE,
        /** It is not a packet of this format: bad structure, truncated, unknown or missing entries, limits exceeded. */
        MALFORMED,
        /** It is signed by someone other than the device certificate it was checked against. */
        UNKNOWN_SIGNER
    }

    private final Reason reason;

    public PacketException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public PacketException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
