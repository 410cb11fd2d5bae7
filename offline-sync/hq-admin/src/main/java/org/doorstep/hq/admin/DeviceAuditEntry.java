package org.doorstep.hq.admin;

import java.time.Instant;

/**
 * One entry of a laptop's audit trail as HQ holds it.
 *
 * @param source how it reached HQ: {@code packet <id>} (a case's slice) or {@code audit batch}
 */
public record DeviceAuditEntry(long seq, Instant at, String officer, String action, String caseId, String detail,
        String source) {
}
