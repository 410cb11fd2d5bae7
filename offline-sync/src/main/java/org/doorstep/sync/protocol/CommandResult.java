package org.doorstep.sync.protocol;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.doorstep.sync.command.CommandType;
import org.doorstep.sync.protocol.ProtocolException.Reason;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a laptop did with one of HQ's commands, reported on {@code doorstep/v1/{device}/up/result} so that HQ's
 * administrators see a command acknowledged (carried out) or failed (refused, with the laptop's reason), not just
 * sent. Strict JSON, {@value #FORMAT}:
 *
 * <pre>
 * {"format":"doorstep-command-result/1","device":…,"sequence":12,"type":"WIPE","outcome":"carried-out"|"refused",
 *  "reason":"BAD_BODY" (refused only),"detail":"…" (at most 300 characters, no personal data),"at":"2026-…Z"}
 * </pre>
 *
 * Not signed, like the heartbeat: the broker's mutual TLS and ACL tie it to its device, and it changes no case at HQ.
 * Only commands whose signature and number checked out are reported (a forged or replayed message has no number HQ
 * could match).
 */
public record CommandResult(String deviceId, long sequence, CommandType type, boolean carriedOut,
        Optional<String> reason, String detail, Instant at) {

    public static final String FORMAT = "doorstep-command-result/1";
    public static final int MAX_BYTES = 2048;
    public static final int MAX_DETAIL = 300;
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z_]{0,31}");
    private static final Set<String> FIELDS = Set.of("format", "device", "sequence", "type", "outcome", "reason",
            "detail", "at");

    public CommandResult {
        Topics.requireDeviceId(deviceId);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
        if (sequence < 1) {
            throw new IllegalArgumentException("command numbers start at 1");
        }
        if (carriedOut == reason.isPresent()) {
            throw new IllegalArgumentException("a refusal has a reason and a command carried out has none");
        }
        if (reason.isPresent() && !REASON.matcher(reason.get()).matches()) {
            throw new IllegalArgumentException("a reason is 1-32 of A-Z and _");
        }
        detail = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        if (detail.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the detail holds control characters");
        }
    }

    public byte[] toJson() {
        ObjectNode o = StrictJson.JSON.createObjectNode();
        o.put("format", FORMAT).put("device", deviceId).put("sequence", sequence).put("type", type.name())
                .put("outcome", carriedOut ? "carried-out" : "refused");
        reason.ifPresent(r -> o.put("reason", r));
        o.put("detail", detail).put("at", at.toString());
        try {
            return StrictJson.JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Reads a report received from the broker.
     *
     * @param topicDevice the device of the topic it came on: a report naming another device is refused
     */
    public static CommandResult fromJson(byte[] json, String topicDevice) throws ProtocolException {
        if (json == null || json.length == 0 || json.length > MAX_BYTES) {
            throw new ProtocolException(Reason.MALFORMED, "a command result has 1 to " + MAX_BYTES + " bytes");
        }
        JsonNode root = StrictJson.object(json, "$");
        StrictJson.only(root, FIELDS, "$");
        if (!FORMAT.equals(StrictJson.text(root, "format", "$"))) {
            throw new ProtocolException(Reason.MALFORMED, "$.format: expected \"" + FORMAT + "\"");
        }
        String device = StrictJson.text(root, "device", "$");
        if (!device.equals(topicDevice)) {
            throw new ProtocolException(Reason.OTHER_DEVICE, "$.device: \"" + StrictJson.abbreviate(device)
                    + "\" came on the topic of \"" + topicDevice + "\"");
        }
        long sequence = StrictJson.whole(root, "sequence", "$");
        CommandType type;
        try {
            type = CommandType.valueOf(StrictJson.text(root, "type", "$"));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(Reason.MALFORMED, "$.type: not a command type");
        }
        String outcome = StrictJson.text(root, "outcome", "$");
        if (!outcome.equals("carried-out") && !outcome.equals("refused")) {
            throw new ProtocolException(Reason.MALFORMED, "$.outcome: expected \"carried-out\" or \"refused\"");
        }
        Optional<String> reason = root.has("reason") ? Optional.of(StrictJson.text(root, "reason", "$"))
                : Optional.empty();
        String detail = StrictJson.text(root, "detail", "$");
        if (detail.length() > MAX_DETAIL) {
            throw new ProtocolException(Reason.MALFORMED, "$.detail: at most " + MAX_DETAIL + " characters");
        }
        Instant at;
        try {
            at = Instant.parse(StrictJson.text(root, "at", "$"));
        } catch (DateTimeParseException e) {
            throw new ProtocolException(Reason.MALFORMED, "$.at: not an ISO-8601 instant");
        }
        try {
            return new CommandResult(device, sequence, type, outcome.equals("carried-out"), reason, detail, at);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(Reason.MALFORMED, "$: " + e.getMessage());
        }
    }
}
