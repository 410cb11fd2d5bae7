package org.doorstep.hq.admin;

import java.time.Instant;
import java.util.Optional;

/** An administrator account (never its password hash). */
public record UserView(String userId, String displayName, Role role, boolean disabled, int failedAttempts,
        Optional<Instant> lockedUntil, Instant createdAt, String createdBy) {
}
