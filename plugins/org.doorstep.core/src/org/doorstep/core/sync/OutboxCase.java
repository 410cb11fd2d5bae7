package org.doorstep.core.sync;

import java.time.Instant;
import java.util.Objects;

import org.doorstep.vault.PacketState;

/**
 * A sealed case waiting for HQ's receipt.
 *
 * @param state    {@code SEALING}, {@code QUEUED} (not yet handed to the broker) or {@code SENT} (handed over,
 *                 waiting for HQ's receipt)
 * @param bytes    size of its packet
 * @param sealedAt when it was sealed
 */
public record OutboxCase(String caseId, boolean urgent, PacketState state, long bytes, Instant sealedAt) {

    public OutboxCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sealedAt, "sealedAt");
    }

    /**
     * How far the case has come on its way to HQ, in thirds: sealed (1), handed to the broker (2), receipted (3,
     * when it leaves this list). The engine does not report chunk progress per packet, so this is the honest figure.
     */
    public int stepsDone() {
        return state == PacketState.SENT ? 2 : 1;
    }

    public static final int STEPS = 3;
}
