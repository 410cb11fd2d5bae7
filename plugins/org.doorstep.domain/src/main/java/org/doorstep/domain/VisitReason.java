package org.doorstep.domain;

/** Why the officer goes to the applicant instead of the applicant coming to the office. */
public enum VisitReason implements Vocabulary {
    /** Aged 60 or more on the visit date; the identity number proves it, no other evidence is needed. */
    AGED_60_PLUS,
    /** Disabled; evidenced by the disability certificate (残疾人证). */
    DISABLED,
    /** Seriously ill (at home or in hospital); evidenced by a hospital's diagnosis. */
    SERIOUSLY_ILL,
    /** Employees enrolled together at their company; evidenced by the company's request letter. */
    COMPANY_GROUP;

    /** Whether this reason needs evidence beyond the identity number. */
    public boolean needsEvidence() {
        return this != AGED_60_PLUS;
    }
}
