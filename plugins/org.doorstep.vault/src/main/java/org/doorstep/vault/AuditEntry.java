package org.doorstep.vault;

import java.time.Instant;

/**
 * One entry of the audit trail. {@code hash} chains it to the entry before; {@code signature} is the
 * device key's signature over {@code hash}. The detail never holds applicant data (the trail travels to
 * HQ in slices and outlives shredded cases), only what was done: slots, states, sizes, references.
 */
public record AuditEntry(long seq, Instant at, String officerId, AuditAction action, String caseId, String detail,
        byte[] previousHash, byte[] hash, byte[] signature) {
}
