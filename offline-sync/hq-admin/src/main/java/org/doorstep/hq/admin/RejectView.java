package org.doorstep.hq.admin;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A packet (or an unreadable message) HQ rejected, with the reason the laptop was given.
 *
 * @param packetId empty for a message HQ could not attribute to a packet (an unreadable chunk, heartbeat or report)
 * @param resend   the newest resend request for this packet, if one was made
 */
public record RejectView(long id, Optional<UUID> packetId, String deviceId, String reason, String detail,
        Instant rejectedAt, String worker, Optional<CommandView> resend) {
}
