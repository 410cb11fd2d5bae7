package org.doorstep.sync.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One sealed packet waiting on the laptop until HQ's receipt for it arrives.
 *
 * @param queuedAt when the case was sealed and queued: among equals, the oldest goes first
 * @param bytes    size of the packet
 * @param sent     whether every chunk has been handed to the broker (which proves nothing: only HQ's
 *                 receipt ends the entry)
 */
public record OutboxEntry(UUID packetId, String caseId, boolean urgent, Instant queuedAt, long bytes, boolean sent) {

    public OutboxEntry {
        Objects.requireNonNull(packetId, "packetId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(queuedAt, "queuedAt");
        if (bytes <= 0) {
            throw new IllegalArgumentException("a packet has at least one byte");
        }
    }

    OutboxEntry asSent(boolean isSent) {
        return new OutboxEntry(packetId, caseId, urgent, queuedAt, bytes, isSent);
    }
}
