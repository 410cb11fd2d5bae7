package org.doorstep.domain.identity;

import org.doorstep.domain.Vocabulary;

/** The gender an identity number encodes in its 17th digit (odd: male, even: female). */
public enum Gender implements Vocabulary {
    MALE,
    FEMALE
}
