package org.doorstep.domain;

/**
 * What is asked for a document: a first issue, a new one for an old one, or only an endorsement on a
 * permit the applicant holds. The catalogue says which a document type allows, its fee and whether the
 * previous document must be described.
 */
public enum Issue implements Vocabulary {
    /** First issue (首次申请 / 首次申领). */
    FIRST,
    /** Renewal on expiry, full pages or changed particulars; the old document is surrendered (换发 / 换领). */
    RENEWAL,
    /** New document for a damaged one, which is surrendered (损坏换发 / 损坏换领). */
    REPLACE_DAMAGED,
    /** New document for a lost or stolen one (遗失补发 / 补领). */
    REPLACE_LOST,
    /** Only an endorsement on a valid permit the applicant holds (再次签注). */
    ENDORSEMENT_ONLY
}
