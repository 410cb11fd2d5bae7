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
    WIPE
}
