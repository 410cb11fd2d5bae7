package org.doorstep.sync.command;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;

import org.doorstep.sync.command.CommandRejected.Reason;
import org.doorstep.sync.pki.PkiSuite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The down channel's wire form, signed by HQ's command key (ECDSA P-256 with SHA-256, or SM2 with SM3 in the gm suite):
 *
 * <pre>
 * {"format":"doorstep-command/1","payload":"&lt;base64 of the command JSON&gt;","signature":"&lt;base64 DER ECDSA&gt;"}
 * command JSON: {"device":…,"sequence":…,"issuedAt":…,"expiresAt":…,"type":…,"body":{…}}
 * </pre>
 *
 * The signature covers the payload's exact bytes, so nothing is re-serialised before it is checked. The
 * laptop ({@link #verify}) refuses a command that is malformed, not signed by HQ's key (forged), meant for
 * another device, expired or not yet valid, or numbered at or below the last it accepted (replayed); the
 * caller stores the accepted number ({@link SequenceStore}) in the same step as carrying the command out.
 */
public final class SignedCommands {

    public static final String FORMAT = "doorstep-command/1";
    public static final int MAX_BYTES = 256 * 1024;
    /** How far the laptop's clock may be behind HQ's before a fresh command looks "not yet valid". */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
    /** Bouncy Castle as an object, not installed: SM3withSM2 whatever the runtime ships. */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    private static final Set<String> ENVELOPE = Set.of("format", "payload", "signature");
    private static final Set<String> PAYLOAD = Set.of("device", "sequence", "issuedAt", "expiresAt", "type", "body");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** The last sequence number accepted per device (in the vault on the laptop). */
    public interface SequenceStore {
        long lastAccepted(String deviceId);
    }

    private SignedCommands() {
    }

    /** HQ's side: signs a command for one laptop of an intl deployment. */
    public static byte[] sign(Command command, PrivateKey hqKey) throws GeneralSecurityException {
        return sign(command, hqKey, PkiSuite.INTL);
    }

    /** HQ's side: signs a command for one laptop with the deployment's suite (SHA256withECDSA or SM3withSM2). */
    public static byte[] sign(Command command, PrivateKey hqKey, PkiSuite suite) throws GeneralSecurityException {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("device", command.deviceId()).put("sequence", command.sequence())
                .put("issuedAt", command.issuedAt().toString()).put("expiresAt", command.expiresAt().toString())
                .put("type", command.type().name());
        try {
            payload.set("body", JSON.readTree(command.bodyJson()));
            byte[] bytes = JSON.writeValueAsBytes(payload);
            Signature signer = Signature.getInstance(suite.signatureAlgorithm(), BC);
            signer.initSign(hqKey);
            signer.update(bytes);
            ObjectNode envelope = JSON.createObjectNode();
            envelope.put("format", FORMAT).put("payload", Base64.getEncoder().encodeToString(bytes))
                    .put("signature", Base64.getEncoder().encodeToString(signer.sign()));
            return JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the command body is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The laptop's side in an intl deployment; see {@link #verify(byte[], PublicKey, PkiSuite, String, SequenceStore, Clock)}. */
    public static Command verify(byte[] message, PublicKey hqKey, String myDeviceId, SequenceStore sequences, Clock clock)
            throws CommandRejected {
        return verify(message, hqKey, PkiSuite.INTL, myDeviceId, sequences, clock);
    }

    /** The laptop's side: checks everything, in that order, and returns the command to carry out. */
    public static Command verify(byte[] message, PublicKey hqKey, PkiSuite suite, String myDeviceId,
            SequenceStore sequences, Clock clock) throws CommandRejected {
        Command command = open(message, hqKey, suite, myDeviceId);
        Instant now = clock.instant();
        if (command.issuedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new CommandRejected(Reason.NOT_YET_VALID, "the command was issued at " + command.issuedAt()
                    + ", after this laptop's time " + now + " (check the laptop's clock)");
        }
        if (!now.isBefore(command.expiresAt())) {
            throw new CommandRejected(Reason.EXPIRED, "the command expired at " + command.expiresAt());
        }
        long last = sequences.lastAccepted(myDeviceId);
        if (command.sequence() <= last) {
            throw new CommandRejected(Reason.REPLAYED, "command " + command.sequence() + " was already received (last"
                    + " accepted " + last + ")");
        }
        return command;
    }

    /**
     * Checks a command's form, HQ's signature and that it names this laptop, but neither its time nor its number: for
     * a command met before (a repeat), whose answer depends on what became of it then.
     */
    public static Command open(byte[] message, PublicKey hqKey, PkiSuite suite, String myDeviceId)
            throws CommandRejected {
        if (message == null || message.length == 0 || message.length > MAX_BYTES) {
            throw new CommandRejected(Reason.MALFORMED, "a command has 1 to " + MAX_BYTES + " bytes");
        }
        JsonNode envelope = object(message, "$");
        only(envelope, ENVELOPE, "$");
        if (!FORMAT.equals(envelope.path("format").asText(null))) {
            throw new CommandRejected(Reason.MALFORMED, "$.format: expected \"" + FORMAT + "\"");
        }
        byte[] payload = base64(envelope, "payload");
        byte[] signature = base64(envelope, "signature");
        try {
            Signature verifier = Signature.getInstance(suite.signatureAlgorithm(), BC);
            verifier.initVerify(hqKey);
            verifier.update(payload);
            if (!verifier.verify(signature)) {
                throw new CommandRejected(Reason.FORGED, "the command is not signed by HQ's command key");
            }
        } catch (java.security.SignatureException e) {
            throw new CommandRejected(Reason.FORGED, "the command's signature cannot be read: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HQ's command key cannot verify " + suite.signatureAlgorithm(), e);
        }
        JsonNode p = object(payload, "$.payload");
        only(p, PAYLOAD, "$.payload");
        String device = p.path("device").asText("");
        if (!device.equals(myDeviceId)) {
            throw new CommandRejected(Reason.OTHER_DEVICE, "the command is for device \"" + device + "\", not this one");
        }
        if (!p.path("sequence").isIntegralNumber() || !p.path("sequence").canConvertToLong()) {
            throw new CommandRejected(Reason.MALFORMED, "$.payload.sequence: expected a whole number");
        }
        long sequence = p.get("sequence").asLong();
        CommandType type;
        try {
            type = CommandType.valueOf(p.path("type").asText(""));
        } catch (IllegalArgumentException e) {
            throw new CommandRejected(Reason.MALFORMED, "$.payload.type: unknown command \"" + p.path("type").asText("") + "\"");
        }
        if (!p.path("body").isObject()) {
            throw new CommandRejected(Reason.MALFORMED, "$.payload.body: expected an object");
        }
        try {
            return new Command(device, sequence, Instant.parse(p.path("issuedAt").asText("")),
                    Instant.parse(p.path("expiresAt").asText("")), type, p.get("body").toString());
        } catch (DateTimeParseException e) {
            throw new CommandRejected(Reason.MALFORMED, "$.payload: issuedAt and expiresAt must be ISO-8601 instants");
        } catch (IllegalArgumentException e) {
            throw new CommandRejected(Reason.MALFORMED, "$.payload: " + e.getMessage());
        }
    }

    private static JsonNode object(byte[] json, String where) throws CommandRejected {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject()) {
                throw new CommandRejected(Reason.MALFORMED, where + ": expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new CommandRejected(Reason.MALFORMED, where + ": not JSON: "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new CommandRejected(Reason.MALFORMED, where + ": " + e.getMessage());
        }
    }

    private static void only(JsonNode node, Set<String> allowed, String where) throws CommandRejected {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new CommandRejected(Reason.MALFORMED, where + ": unknown field \"" + name + "\"");
            }
        }
    }

    private static byte[] base64(JsonNode envelope, String field) throws CommandRejected {
        JsonNode n = envelope.get(field);
        if (n == null || !n.isTextual()) {
            throw new CommandRejected(Reason.MALFORMED, "$." + field + ": expected base64 text");
        }
        try {
            return Base64.getDecoder().decode(n.asText());
        } catch (IllegalArgumentException e) {
            throw new CommandRejected(Reason.MALFORMED, "$." + field + ": not base64");
        }
    }
}
