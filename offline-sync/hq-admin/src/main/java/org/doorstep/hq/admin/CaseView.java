package org.doorstep.hq.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A case HQ stored.
 *
 * @param createdAt     when the case was created on the laptop (its audit slice's first entry)
 * @param sealedAt      when the laptop sealed it (the packet manifest)
 * @param storedAt      when HQ stored it (the receipt's time)
 * @param flags         its exceptions, for review
 * @param review        the reviewer's decision and reason, if any
 * @param lastStatus    the last status update queued for it ({@code accepted}, {@code returned} …)
 */
public record CaseView(UUID packetId, String caseId, String deviceId, Optional<String> officer,
        Optional<Instant> createdAt, Instant sealedAt, Instant storedAt, long bytes, String receiptId,
        HqCaseState state, List<CaseFlag> flags, Optional<String> review, Optional<String> lastStatus) {

    public CaseView {
        flags = List.copyOf(flags);
    }

    /** From capture (creation on the laptop) to HQ's receipt. */
    public Optional<Duration> captureToReceipt() {
        return createdAt.map(c -> Duration.between(c, storedAt));
    }

    public Duration sealToReceipt() {
        return Duration.between(sealedAt, storedAt);
    }
}
