package org.doorstep.hq.admin;

import java.time.Instant;

/** One entry of the administrators' own trail. {@code outcome}: {@code done}, {@code refused} or {@code failed}. */
public record AdminAuditEntry(long seq, Instant at, String userId, String action, String target, String detail,
        String outcome) {
}
