package org.doorstep.vault;

import java.time.Instant;

/**
 * A work order from HQ as kept here: its JSON (applicant, address, reason, documents; personal data, sealed at rest,
 * read by the sync service's {@code WorkOrder}), the command that carried it, and the case started from it, if any.
 */
public record StoredWorkOrder(String orderId, long sequence, Instant received, String caseId, byte[] json) {

    public StoredWorkOrder {
        json = json.clone();
    }

    @Override
    public byte[] json() {
        return json.clone();
    }
}
