package org.doorstep.sync.protocol;

/** Why HQ refused a packet for good. The laptop shows the reason with the case; nothing is shredded. */
public enum RejectReason {
    /** a chunk or the packet does not match its digest, or the container was altered */
    TAMPERED,
    /** not encrypted to HQ's certificate, or the ciphertext does not authenticate */
    UNDECRYPTABLE,
    /** the device signature does not verify */
    BAD_SIGNATURE,
    /** HQ does not know the device that sent or signed it */
    UNKNOWN_DEVICE,
    /** the device's certificate is revoked */
    REVOKED,
    /**
     * the packet is a copy of one HQ already holds, sent again under another packet id, by another device, or
     * for a case HQ already stored
     */
    REPLAYED,
    /** unreadable: not a packet, manifest broken, limits exceeded */
    MALFORMED
}
