package org.doorstep.hq.admin;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.doorstep.sync.command.CommandType;

/**
 * A command to a laptop and where it stands: {@code queued} (waiting for the HQ service to sign and publish it),
 * {@code sent} (in the laptop's broker session), {@code acknowledged} (the laptop carried it out), {@code failed}
 * (the laptop refused it, or it expired before it could be sent; {@link #outcome} says why).
 *
 * @param sequence  the command number it was signed with, once sent
 * @param reference what it is about: a packet id, an order id
 */
public record CommandView(long id, String deviceId, CommandType type, State state, Optional<Long> sequence,
        String reference, String requestedBy, Instant requestedAt, Instant expiresAt, Optional<Instant> sentAt,
        Optional<Instant> answeredAt, String outcome) {

    public enum State {
        QUEUED, SENT, ACKNOWLEDGED, FAILED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
