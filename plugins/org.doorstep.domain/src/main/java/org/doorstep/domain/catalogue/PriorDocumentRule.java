package org.doorstep.domain.catalogue;

import org.doorstep.domain.Vocabulary;

/** Whether an application of an issue describes the applicant's previous document, and how much of it. */
public enum PriorDocumentRule implements Vocabulary {
    /** No previous document is described (a first issue; an ID card, whose number is the identity number). */
    NONE,
    /** The previous document is described; its number may be unknown (a lost passport). */
    NUMBER_OPTIONAL,
    /** The previous document's number is required. */
    NUMBER_REQUIRED
}
