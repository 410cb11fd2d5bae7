package org.doorstep.hq.admin;

import java.time.Instant;
import java.util.Optional;

/**
 * A one-time enrolment code, shown once: the officer types it on the laptop with the CA fingerprint. HQ keeps only
 * the code's id and proof key.
 *
 * @param code          the code, grouped in fours ({@code 7K2M-…})
 * @param caFingerprint the CA certificate's SHA-256, as the HQ service published it
 * @param enrolmentUri  where the laptop enrols, as the HQ service published it
 */
public record EnrolmentGrant(String deviceId, String code, Instant expiresAt, Optional<String> caFingerprint,
        Optional<String> enrolmentUri) {

    @Override
    public String toString() {
        return "enrolment code for " + deviceId + " until " + expiresAt; // never the code itself
    }
}
