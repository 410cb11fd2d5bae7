package org.doorstep.core.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.doorstep.vault.CaseStatusUpdate;

/**
 * A case HQ receipted (its data shredded on this laptop), with the newest status HQ sent for it.
 *
 * @param deliveredAt when the receipt came (the case's last change)
 * @param hqStatus    the newest of {@code vault.hqInbox().statusOf(caseId)}, empty until HQ sends one
 */
public record DeliveredCase(String caseId, Instant deliveredAt, Optional<CaseStatusUpdate> hqStatus) {

    public DeliveredCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(hqStatus, "hqStatus");
    }
}
