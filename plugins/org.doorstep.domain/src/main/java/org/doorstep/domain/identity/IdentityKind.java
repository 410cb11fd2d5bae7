package org.doorstep.domain.identity;

import org.doorstep.domain.Vocabulary;

/**
 * Who holds a number of this shape. Only mainland residents (with a household registration) can apply for a
 * passport, a permit or a resident ID card; the other kinds may act as guardian, agent or witness.
 */
public enum IdentityKind implements Vocabulary {
    /** Resident identity card of a mainland resident; the prefix is a county-level region code. */
    MAINLAND_RESIDENT,
    /** Residence permit of a Hong Kong resident (prefix {@code 810000}). */
    HONG_KONG_RESIDENT,
    /** Residence permit of a Macau resident (prefix {@code 820000}). */
    MACAU_RESIDENT,
    /** Residence permit of a Taiwan resident (prefix {@code 830000}). */
    TAIWAN_RESIDENT,
    /**
     * Foreigner's permanent residence ID card, 2023 edition: {@code 9}, the issuing province, a three-digit
     * nationality code, then birth date, sequence and check character like a resident's number.
     */
    FOREIGN_PERMANENT_RESIDENT
}
