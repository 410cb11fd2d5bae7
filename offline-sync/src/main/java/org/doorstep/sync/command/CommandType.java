package org.doorstep.sync.command;

/** What HQ can tell a laptop on {@code doorstep/v1/{device}/down/cmd}. */
public enum CommandType {
    /** A home visit to make: applicant, address, reason, requested documents. */
    WORK_ORDER,
    /** Where a delivered case stands at HQ: accepted, in review, approved, produced, posted. */
    STATUS_UPDATE,
    /** A newer catalogue of documents and materials. */
    CATALOGUE_UPDATE,
    /** The laptop's certificate is revoked: stop syncing. */
    REVOKE,
    /** Destroy every key and case on the laptop. */
    WIPE,
    /**
     * Send a packet HQ rejected once more: the laptop seals the case again into a new packet if the case is still
     * as it was rejected, or asks HQ again about a packet still waiting in its outbox. Appended: laptops store and
     * compare the names.
     */
    RESEND
}
