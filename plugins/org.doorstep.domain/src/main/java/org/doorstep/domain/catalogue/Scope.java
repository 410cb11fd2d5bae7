package org.doorstep.domain.catalogue;

import org.doorstep.domain.Vocabulary;

/** Whether a material is asked for once per case or once per application that needs it. */
public enum Scope implements Vocabulary {
    /** One for the case, however many applications need it (the applicant's ID card). */
    CASE,
    /** One for each application that needs it (each old document to surrender). */
    APPLICATION
}
