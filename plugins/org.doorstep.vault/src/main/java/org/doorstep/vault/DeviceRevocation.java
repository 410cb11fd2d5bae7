package org.doorstep.vault;

import java.time.Instant;

/**
 * HQ revoked this laptop's certificate (a signed command, number {@code sequence}): the sync service sends and
 * seals nothing until a new enrolment is installed.
 */
public record DeviceRevocation(Instant at, long sequence, String reason) {
}
