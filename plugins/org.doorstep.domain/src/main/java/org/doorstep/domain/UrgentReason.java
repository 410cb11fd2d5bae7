package org.doorstep.domain;

/** Why an application is processed urgently (加急 / 绿色通道); each needs evidence. */
public enum UrgentReason implements Vocabulary {
    /** Funeral of a relative abroad (奔丧). */
    FUNERAL,
    /** Critical illness of the applicant's relative abroad (探望危重病人). */
    CRITICAL_ILLNESS,
    /** The applicant goes abroad for medical treatment (出境就医). */
    TREATMENT_ABROAD,
    /** An emergency abroad (accident, disaster, legal proceedings). */
    EMERGENCY_ABROAD,
    /** Urgent business travel. */
    URGENT_BUSINESS,
    /** Studies abroad start soon. */
    STUDY_START,
    /** The travel document was lost shortly before a booked journey. */
    DOCUMENTS_LOST
}
