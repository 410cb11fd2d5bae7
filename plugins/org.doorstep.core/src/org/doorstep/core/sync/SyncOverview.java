package org.doorstep.core.sync;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.doorstep.sync.SyncStatus;

/**
 * Everything the sync view shows, as one value.
 *
 * @param engine       whether the sync service runs
 * @param status       link, backlog and last contact (the status line's figures)
 * @param problem      the last thing that went wrong (connection refused, broker unreachable, start refused), as
 *                     the engine words it; the view puts it into plain words
 * @param unsentBytes  of the backlog's bytes, those not yet handed to the broker
 * @param outbox       cases waiting for HQ's receipt, oldest first; empty while locked
 * @param delivered    cases HQ receipted, newest first; empty while locked
 * @param outboxFull   the outbox holds as much as it may: no case is sealed until HQ's receipts make room (what
 *                     waits is kept); the view says so
 */
public record SyncOverview(SyncEngineState engine, SyncStatus status, Optional<String> problem, long unsentBytes,
        List<OutboxCase> outbox, List<DeliveredCase> delivered, boolean outboxFull) {

    public SyncOverview {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(problem, "problem");
        outbox = List.copyOf(outbox);
        delivered = List.copyOf(delivered);
    }

    public static SyncOverview of(SyncEngineState engine, SyncStatus status) {
        return new SyncOverview(engine, status, Optional.empty(), 0, List.of(), List.of(), false);
    }
}
