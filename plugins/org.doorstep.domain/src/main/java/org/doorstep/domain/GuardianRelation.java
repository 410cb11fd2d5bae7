package org.doorstep.domain;

/** How a guardian is related to the applicant (minors always; adults lacking legal capacity). */
public enum GuardianRelation implements Vocabulary {
    FATHER,
    MOTHER,
    /** Only for an adult applicant. */
    SPOUSE,
    /** An adult child; only for an adult applicant. */
    CHILD,
    /** Any other guardian (grandparent, relative, designated by a court or a residents' committee). */
    OTHER;

    /** Father or mother: the relation a birth certificate or the household register shows. */
    public boolean isParent() {
        return this == FATHER || this == MOTHER;
    }
}
