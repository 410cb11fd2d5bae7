package org.doorstep.vault;

/**
 * Everything the audit trail records. Events that happen while the vault is locked arrive at the next unlock. New
 * actions are only ever appended: the trail stores the names.
 */
public enum AuditAction {
    DEVICE_SET_UP, UNLOCK, UNLOCK_FAILED, LOCK, IDLE_LOCK, LOCKOUT, KEYS_DESTROYED, OFFICER_ENROLLED,
    CASE_CREATED, CASE_EDITED, CAPTURE, ITEM_REMOVED, CASE_COMPLETED, CASE_REOPENED, SEAL, QUEUE, EXPORT, SEND,
    RECEIPT, REJECTED, SHRED, WIPE,
    /** The database was upgraded to a newer schema at unlock. */
    SCHEMA_UPGRADED,
    /** The device's private key was lent out of the vault (to sign a packet or a certificate request). */
    DEVICE_KEY_USED,
    /** A certificate request was made for a device id. */
    ENROLMENT_REQUESTED,
    /** HQ's enrolment bundle (device certificate, CA, HQ certificates, broker) was installed. */
    ENROLMENT_INSTALLED,
    /** A queued packet's file was lost and the case was sealed again into a new packet. */
    PACKET_REPLACED,
    /** A command from HQ was refused (forged, replayed, expired, for another device, or unusable). */
    COMMAND_REFUSED,
    /** HQ sent (or amended) a work order. */
    WORK_ORDER,
    /** A work order was closed on this laptop (done, or its case was shredded). */
    WORK_ORDER_REMOVED,
    /** HQ said where a delivered case stands. */
    STATUS_UPDATE,
    /** HQ sent a newer catalogue. */
    CATALOGUE_UPDATE,
    /** HQ revoked this laptop's certificate: it sends nothing more. */
    DEVICE_REVOKED,
    /** A group session at a company was created or changed (roster imported, applicant started, board moved). */
    GROUP_SESSION,
    /** HQ asked for a rejected packet's case again: the case was reopened to be sealed anew, or its packet asked about. */
    RESEND_REQUESTED
}
