package org.doorstep.vault;

/**
 * Where one packet stands. A case travels in one packet at a time; a rejected case sealed again, or a case whose
 * spool file was lost, gets a new packet and the old one keeps its outcome as history.
 *
 * <pre>
 *   sealing → queued → sent → delivered
 *             queued, sent → rejected | replaced
 * </pre>
 */
public enum PacketState {
    /** Recorded, its file being written: a crash here is finished by sealing again into the same packet id. */
    SEALING,
    /** Its file is complete in the spool, waiting to be sent. */
    QUEUED,
    /** Every chunk was handed to the broker; waiting for HQ's receipt. */
    SENT,
    /** HQ's receipt came: the case was shredded and the file deleted. */
    DELIVERED,
    /** HQ refused it for good, with a reason shown on the case. */
    REJECTED,
    /** Its file was lost before HQ confirmed it; the case was sealed again into another packet. */
    REPLACED;

    /** Whether the packet still waits for HQ (its file belongs in the spool once sealed). */
    public boolean open() {
        return this == SEALING || this == QUEUED || this == SENT;
    }
}
