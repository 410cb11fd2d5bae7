package org.doorstep.domain.catalogue;

import org.doorstep.domain.Vocabulary;

/**
 * What a case-level material proves, when the form itself refers to its scan: the form's visit, urgent and
 * relief parts each carry an evidence reference, and the checklist counts it as this material's scan.
 */
public enum EvidenceOf implements Vocabulary {
    VISIT,
    URGENT,
    RELIEF
}
