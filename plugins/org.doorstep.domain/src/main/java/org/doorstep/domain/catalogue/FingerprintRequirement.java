package org.doorstep.domain.catalogue;

import org.doorstep.domain.Vocabulary;

/** Whether fingerprints are taken from an applicant of a given age. */
public enum FingerprintRequirement implements Vocabulary {
    /** Taken unless fingers are missing or injured (recorded as an exception). */
    REQUIRED,
    /** Taken if the guardian agrees (exit-entry documents for children under 16). */
    OPTIONAL,
    /** Not taken. */
    NONE
}
