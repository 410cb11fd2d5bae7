package org.doorstep.fingerprint;

/** Why a finger has no print in the case. */
public enum ExceptionReason {
    AMPUTATED,
    INJURED,
    BANDAGED,
    /** Every attempt allowed scored under the threshold; the best of them stays in the case as evidence. */
    UNUSABLE_AFTER_RETRIES,
    /** Anything else; a note is required. */
    OTHER;

    /** Whether the officer must photograph the finger: not when the failed captures themselves show why. */
    public boolean needsPhoto() {
        return this != UNUSABLE_AFTER_RETRIES;
    }
}
