package org.doorstep.sync.command;

import java.time.Instant;
import java.util.Objects;

/**
 * One command from HQ to one laptop, as verified: for that device, numbered, dated, with its body (JSON,
 * whose shape depends on the type and is read by whoever carries the command out).
 *
 * @param sequence counts up per device from 1; the laptop accepts each number once and never a lower one
 * @param bodyJson the body; a work order's names an applicant, so {@link #toString()} leaves it out (only its size), and
 *                 a command written to a log or a terminal carries no personal data
 */
public record Command(String deviceId, long sequence, Instant issuedAt, Instant expiresAt, CommandType type,
        String bodyJson) {

    public Command {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(bodyJson, "bodyJson");
        if (sequence < 1) {
            throw new IllegalArgumentException("command sequence numbers start at 1");
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a command must expire after it was issued");
        }
    }

    @Override
    public String toString() {
        return "Command[" + deviceId + " #" + sequence + " " + type + ", issued " + issuedAt + ", expires " + expiresAt
                + ", body " + bodyJson.length() + " chars]";
    }
}
