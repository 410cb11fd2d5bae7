package org.doorstep.fingerprint;

/** Why a capture scored low, each with advice for the officer in the messages ({@code issue.*}). */
public enum QualityIssue {
    /** Nothing on the glass that looks like skin. */
    NO_FINGER,
    /** Too little of the finger touched the glass: press flatter, centre the finger. */
    SMALL_AREA,
    /** Ridges faint: the finger is dry or pressed too lightly. */
    LOW_CONTRAST,
    /** Ridges not clear: the finger moved, is wet or the glass is dirty. */
    UNCLEAR_RIDGES,
    /** Too few ridge endings and forks to compare reliably. */
    FEW_MINUTIAE
}
