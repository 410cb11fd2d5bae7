package org.doorstep.sync.outbox;

import java.time.Duration;
import java.util.Optional;

/**
 * What the sync view and the heartbeat show about the outbox.
 *
 * @param pendingCases  packets without HQ's receipt (sent or not)
 * @param pendingBytes  their bytes
 * @param unsentCases   of those, packets not yet completely handed to the broker
 * @param unsentBytes   their bytes
 * @param deliveredCases packets receipted since the outbox was made
 * @param deliveredBytes their bytes
 * @param oldestUnsent  how long the oldest unsent packet has waited, if any
 * @param capacity      how much the outbox may hold; no case is sealed beyond it
 */
public record OutboxProgress(int pendingCases, long pendingBytes, int unsentCases, long unsentBytes, int deliveredCases,
        long deliveredBytes, Optional<Duration> oldestUnsent, OutboxCapacity capacity) {

    /** Nothing more can be sealed until HQ's receipts make room (what waits is kept, never dropped). */
    public boolean full() {
        return capacity.full(pendingCases, pendingBytes);
    }

    /** The sentence for the officer and the log while {@link #full()}, in English; the UI words it itself. */
    public Optional<String> fullNotice() {
        return full() ? Optional.of(OutboxFullException.sentence(pendingCases, pendingBytes, 0, capacity))
                : Optional.empty();
    }
}
