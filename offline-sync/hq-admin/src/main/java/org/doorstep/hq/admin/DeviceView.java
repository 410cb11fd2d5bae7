package org.doorstep.hq.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One laptop on the device board, as of the moment the board was read. Heartbeat figures are the laptop's own word
 * at {@link #lastHeartbeat}; case counts are HQ's.
 *
 * @param officers          officer ids seen: the one signed in at the last heartbeat first, then those who sealed
 *                          cases HQ holds
 * @param backlogCases      cases waiting in the laptop's outbox at its last heartbeat (0 without a heartbeat)
 * @param backlogBytes      their bytes
 * @param oldestUnsent      how long the oldest of them had waited at the last heartbeat
 * @param delivered         cases HQ stored from this laptop
 * @param rejected          packets HQ rejected from this laptop
 * @param pendingCommands   commands queued or sent and not yet answered by the laptop
 * @param certificateExpiry when its newest certificate expires
 */
public record DeviceView(String deviceId, DeviceState state, List<String> officers, Optional<Instant> lastHeartbeat,
        int backlogCases, long backlogBytes, Optional<Duration> oldestUnsent, Optional<String> softwareVersion,
        Optional<Integer> catalogueVersion, Optional<Long> freeDiskBytes, long delivered, long rejected,
        Optional<Instant> lastCaseStored, int pendingCommands, Optional<Instant> certificateExpiry,
        Optional<Instant> revokedAt, Optional<Instant> wipeRequestedAt, Optional<Instant> wipedAt) {

    public DeviceView {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(state, "state");
        officers = List.copyOf(officers);
    }

    /** The oldest unsent case's age at {@code now}: what it was at the last heartbeat plus the time since. */
    public Optional<Duration> oldestUnsentAt(Instant now) {
        if (oldestUnsent.isEmpty() || lastHeartbeat.isEmpty()) {
            return Optional.empty();
        }
        Duration since = Duration.between(lastHeartbeat.get(), now);
        return Optional.of(oldestUnsent.get().plus(since.isNegative() ? Duration.ZERO : since));
    }
}
