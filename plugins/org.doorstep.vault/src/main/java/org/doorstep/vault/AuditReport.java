package org.doorstep.vault;

import java.util.List;

/**
 * The outcome of verifying the audit trail.
 *
 * @param entries  how many entries were checked
 * @param problems one plain sentence per break found, in order; empty when the trail is intact
 */
public record AuditReport(long entries, List<String> problems) {

    public boolean intact() {
        return problems.isEmpty();
    }
}
