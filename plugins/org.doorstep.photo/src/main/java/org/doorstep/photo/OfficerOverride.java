package org.doorstep.photo;

import java.time.Instant;
import java.util.Objects;

/**
 * An officer's decision to keep an attempt the checks would not have chosen (e.g. it failed a check the applicant
 * cannot meet), with who, when and why, for the case's audit trail.
 *
 * @param attemptNumber the attempt kept
 * @param officerId     who decided
 * @param reason        why, in the officer's words (never blank)
 * @param decidedAt     when
 */
public record OfficerOverride(int attemptNumber, String officerId, String reason, Instant decidedAt) {

    public OfficerOverride {
        Objects.requireNonNull(decidedAt, "decidedAt");
        if (officerId == null || officerId.isBlank()) {
            throw new IllegalArgumentException("an override needs the officer's id");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an override needs a reason");
        }
        reason = reason.strip();
    }
}
