package org.doorstep.vault;

/** Everything the audit trail records. Events that happen while the vault is locked arrive at the next unlock. */
public enum AuditAction {
    DEVICE_SET_UP, UNLOCK, UNLOCK_FAILED, LOCK, IDLE_LOCK, LOCKOUT, KEYS_DESTROYED, OFFICER_ENROLLED,
    CASE_CREATED, CASE_EDITED, CAPTURE, ITEM_REMOVED, CASE_COMPLETED, CASE_REOPENED, SEAL, QUEUE, EXPORT, SEND,
    RECEIPT, REJECTED, SHRED, WIPE
}
