package org.doorstep.sync.protocol;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.protocol.HqMessage.Missing;
import org.doorstep.sync.protocol.HqMessage.Receipt;
import org.doorstep.sync.protocol.HqMessage.Rejection;
import org.doorstep.sync.protocol.ProtocolException.Reason;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Wire form of {@link HqMessage}, signed by HQ's signing key with the deployment's suite ({@code SHA256withECDSA}
 * or {@code SM3withSM2}):
 *
 * <pre>
 * {"format":"doorstep-hq/1","payload":"&lt;base64 of the message JSON&gt;","signature":"&lt;base64 DER&gt;"}
 * message JSON: {"device":…,"packetId":…,"issuedAt":…,"type":"RECEIPT"|"REJECTED"|"MISSING",…}
 *   RECEIPT:  "caseId", "packetDigest" (hex SHA-256 of the sealed packet), "storedAt", "receiptId"
 *   REJECTED: "reason" ({@link RejectReason}), "detail"
 *   MISSING:  "count", "missing" (chunk indexes)
 * </pre>
 *
 * The signature covers the payload's exact bytes. The laptop refuses anything malformed, not signed by HQ, or
 * meant for another device.
 */
public final class HqMessages {

    public static final String FORMAT = "doorstep-hq/1";
    public static final int MAX_BYTES = 128 * 1024;
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
    private static final Set<String> ENVELOPE = Set.of("format", "payload", "signature");
    private static final Set<String> COMMON = Set.of("device", "packetId", "issuedAt", "type");
    private static final Set<String> RECEIPT = union(COMMON, "caseId", "packetDigest", "storedAt", "receiptId");
    private static final Set<String> REJECTED = union(COMMON, "reason", "detail");
    private static final Set<String> MISSING = union(COMMON, "count", "missing");

    private HqMessages() {
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    /** HQ's side. */
    public static byte[] sign(HqMessage message, PrivateKey hqKey, PkiSuite suite) {
        ObjectNode p = StrictJson.JSON.createObjectNode();
        p.put("device", message.deviceId()).put("packetId", message.packetId().toString())
                .put("issuedAt", message.issuedAt().toString());
        switch (message) {
            case Receipt r -> p.put("type", "RECEIPT").put("caseId", r.caseId())
                    .put("packetDigest", HexFormat.of().formatHex(r.packetDigest()))
                    .put("storedAt", r.storedAt().toString()).put("receiptId", r.receiptId());
            case Rejection r -> p.put("type", "REJECTED").put("reason", r.reason().name()).put("detail", r.detail());
            case Missing m -> {
                p.put("type", "MISSING").put("count", m.count());
                ArrayNode list = p.putArray("missing");
                m.missing().forEach(list::add);
            }
        }
        return SignedEnvelope.sign(FORMAT, json(p), hqKey, suite);
    }

    /** The laptop's side: checks everything and returns the message. */
    public static HqMessage verify(byte[] message, PublicKey hqKey, PkiSuite suite, String myDeviceId)
            throws ProtocolException {
        byte[] payload = SignedEnvelope.open(FORMAT, message, MAX_BYTES, hqKey, suite, "HQ's signing key");
        JsonNode p = StrictJson.object(payload, "$.payload");
        String where = "$.payload";
        String device = StrictJson.text(p, "device", where);
        if (!device.equals(myDeviceId)) {
            throw new ProtocolException(Reason.OTHER_DEVICE, "the message is for device \""
                    + StrictJson.abbreviate(device) + "\", not this one");
        }
        UUID packetId = StrictJson.uuid(p, "packetId", where);
        Instant issuedAt = instant(p, "issuedAt");
        String type = StrictJson.text(p, "type", where);
        try {
            switch (type) {
                case "RECEIPT" -> {
                    StrictJson.only(p, RECEIPT, where);
                    byte[] digest;
                    try {
                        digest = HexFormat.of().parseHex(StrictJson.text(p, "packetDigest", where));
                    } catch (IllegalArgumentException e) {
                        throw new ProtocolException(Reason.MALFORMED, where + ".packetDigest: not hex");
                    }
                    return new Receipt(device, packetId, issuedAt, StrictJson.text(p, "caseId", where), digest,
                            instant(p, "storedAt"), StrictJson.text(p, "receiptId", where));
                }
                case "REJECTED" -> {
                    StrictJson.only(p, REJECTED, where);
                    RejectReason reason;
                    try {
                        reason = RejectReason.valueOf(StrictJson.text(p, "reason", where));
                    } catch (IllegalArgumentException e) {
                        throw new ProtocolException(Reason.MALFORMED, where + ".reason: unknown reason");
                    }
                    return new Rejection(device, packetId, issuedAt, reason, StrictJson.text(p, "detail", where));
                }
                case "MISSING" -> {
                    StrictJson.only(p, MISSING, where);
                    long count = StrictJson.whole(p, "count", where);
                    JsonNode list = p.get("missing");
                    if (list == null || !list.isArray() || count > Integer.MAX_VALUE) {
                        throw new ProtocolException(Reason.MALFORMED, where + ".missing: expected a list of indexes");
                    }
                    List<Integer> missing = new ArrayList<>();
                    for (JsonNode n : list) {
                        if (!n.isInt()) {
                            throw new ProtocolException(Reason.MALFORMED, where + ".missing: expected whole numbers");
                        }
                        missing.add(n.asInt());
                    }
                    return new Missing(device, packetId, issuedAt, (int) count, missing);
                }
                default -> throw new ProtocolException(Reason.MALFORMED, where + ".type: unknown type \""
                        + StrictJson.abbreviate(type) + "\"");
            }
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(Reason.MALFORMED, where + ": " + e.getMessage());
        }
    }

    private static Instant instant(JsonNode p, String field) throws ProtocolException {
        try {
            return Instant.parse(StrictJson.text(p, field, "$.payload"));
        } catch (DateTimeParseException e) {
            throw new ProtocolException(Reason.MALFORMED, "$.payload." + field + ": expected an ISO-8601 instant");
        }
    }

    static byte[] json(JsonNode node) {
        try {
            return StrictJson.JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON we built", e);
        }
    }

    /** {"format","payload","signature"} with a suite signature over the payload bytes. */
    static final class SignedEnvelope {

        private SignedEnvelope() {
        }

        static byte[] sign(String format, byte[] payload, PrivateKey key, PkiSuite suite) {
            try {
                Signature signer = Signature.getInstance(suite.signatureAlgorithm(), PROVIDER);
                signer.initSign(key);
                signer.update(payload);
                ObjectNode envelope = StrictJson.JSON.createObjectNode();
                envelope.put("format", format).put("payload", Base64.getEncoder().encodeToString(payload))
                        .put("signature", Base64.getEncoder().encodeToString(signer.sign()));
                return json(envelope);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign with " + suite.signatureAlgorithm(), e);
            }
        }

        static byte[] open(String format, byte[] message, int maxBytes, PublicKey key, PkiSuite suite, String keyName)
                throws ProtocolException {
            if (message == null || message.length == 0 || message.length > maxBytes) {
                throw new ProtocolException(Reason.MALFORMED, "a " + format + " message has 1 to " + maxBytes + " bytes");
            }
            JsonNode envelope = StrictJson.object(message, "$");
            StrictJson.only(envelope, ENVELOPE, "$");
            if (!format.equals(envelope.path("format").asText(null))) {
                throw new ProtocolException(Reason.MALFORMED, "$.format: expected \"" + format + "\"");
            }
            byte[] payload = StrictJson.base64(envelope, "payload", "$");
            byte[] signature = StrictJson.base64(envelope, "signature", "$");
            try {
                Signature verifier = Signature.getInstance(suite.signatureAlgorithm(), PROVIDER);
                verifier.initVerify(key);
                verifier.update(payload);
                if (!verifier.verify(signature)) {
                    throw new ProtocolException(Reason.FORGED, "the message is not signed by " + keyName);
                }
            } catch (java.security.SignatureException e) {
                throw new ProtocolException(Reason.FORGED, "the message's signature cannot be read");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(keyName + " cannot verify " + suite.signatureAlgorithm(), e);
            }
            return payload;
        }
    }
}
