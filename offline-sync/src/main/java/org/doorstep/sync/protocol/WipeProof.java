package org.doorstep.sync.protocol;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.protocol.ProtocolException.Reason;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * HQ's reading of a laptop's remote-wipe confirmation ({@value #FORMAT}), which the laptop signs with its device key
 * just before the wipe destroys that key and publishes on {@code up/wiped} (or which support brings on removable
 * media). The laptop's writer is {@code org.doorstep.sync.vault.WipeConfirmation}; this is the same format read
 * strictly on HQ's side, where the laptop's module is not available:
 *
 * <pre>
 * {"format":"doorstep-wipe-confirmation/1","payload":"&lt;base64 JSON&gt;","signature":"&lt;base64 DER&gt;"}
 * payload: {"device":…,"sequence":…,"commandIssuedAt":…,"wipedAt":…,"reason":…}
 * </pre>
 *
 * @param sequence the number of the WIPE command it carried out
 */
public record WipeProof(String deviceId, long sequence, Instant commandIssuedAt, Instant wipedAt, String reason) {

    public static final String FORMAT = "doorstep-wipe-confirmation/1";
    public static final int MAX_BYTES = 8192;
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    private static final Set<String> ENVELOPE = Set.of("format", "payload", "signature");
    private static final Set<String> PAYLOAD = Set.of("device", "sequence", "commandIssuedAt", "wipedAt", "reason");

    public WipeProof {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(commandIssuedAt, "commandIssuedAt");
        Objects.requireNonNull(wipedAt, "wipedAt");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Checks a confirmation against the device certificate HQ issued: the signature by its key (the suite's
     * algorithm), the device named in it equal to the certificate's CN and, when given, to {@code expectedDevice}.
     *
     * @throws ProtocolException {@code MALFORMED} (not the format), {@code FORGED} (not signed by this device's key),
     *                           {@code OTHER_DEVICE} (names another device)
     */
    public static WipeProof verify(byte[] signed, X509Certificate deviceCertificate, PkiSuite suite,
            String expectedDevice) throws ProtocolException {
        if (signed == null || signed.length == 0 || signed.length > MAX_BYTES) {
            throw new ProtocolException(Reason.MALFORMED, "a wipe confirmation has 1 to " + MAX_BYTES + " bytes");
        }
        JsonNode envelope = StrictJson.object(signed, "$");
        StrictJson.only(envelope, ENVELOPE, "$");
        if (!FORMAT.equals(StrictJson.text(envelope, "format", "$"))) {
            throw new ProtocolException(Reason.MALFORMED, "$.format: expected \"" + FORMAT + "\"");
        }
        byte[] payload = StrictJson.base64(envelope, "payload", "$");
        byte[] signature = StrictJson.base64(envelope, "signature", "$");
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(suite.signatureAlgorithm(), BC);
            verifier.initVerify(deviceCertificate.getPublicKey());
            verifier.update(payload);
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new ProtocolException(Reason.FORGED, "the wipe confirmation is not signed by this device's key");
        }
        JsonNode p = StrictJson.object(payload, "$.payload");
        StrictJson.only(p, PAYLOAD, "$.payload");
        String device = StrictJson.text(p, "device", "$.payload");
        long sequence = StrictJson.whole(p, "sequence", "$.payload");
        String reason = StrictJson.text(p, "reason", "$.payload");
        Instant issued;
        Instant wiped;
        try {
            issued = Instant.parse(StrictJson.text(p, "commandIssuedAt", "$.payload"));
            wiped = Instant.parse(StrictJson.text(p, "wipedAt", "$.payload"));
        } catch (DateTimeParseException e) {
            throw new ProtocolException(Reason.MALFORMED, "$.payload: commandIssuedAt and wipedAt must be ISO-8601 instants");
        }
        String cn = commonName(deviceCertificate);
        if (!device.equals(cn) || (expectedDevice != null && !device.equals(expectedDevice))) {
            throw new ProtocolException(Reason.OTHER_DEVICE, "the wipe confirmation names device \""
                    + StrictJson.abbreviate(device) + "\", not \"" + (expectedDevice == null ? cn : expectedDevice) + "\"");
        }
        if (sequence < 1) {
            throw new ProtocolException(Reason.MALFORMED, "$.payload.sequence: command numbers start at 1");
        }
        return new WipeProof(device, sequence, issued, wiped, reason.length() > 500 ? reason.substring(0, 500) : reason);
    }

    /** The device id a confirmation claims, read without checking anything, to find the certificate to check it with. */
    public static String claimedDevice(byte[] signed) throws ProtocolException {
        if (signed == null || signed.length == 0 || signed.length > MAX_BYTES) {
            throw new ProtocolException(Reason.MALFORMED, "a wipe confirmation has 1 to " + MAX_BYTES + " bytes");
        }
        JsonNode envelope = StrictJson.object(signed, "$");
        JsonNode p = StrictJson.object(StrictJson.base64(envelope, "payload", "$"), "$.payload");
        String device = StrictJson.text(p, "device", "$.payload");
        if (!Topics.isDeviceId(device)) {
            throw new ProtocolException(Reason.MALFORMED, "$.payload.device: not a device id");
        }
        return device;
    }

    private static String commonName(X509Certificate certificate) {
        RDN[] cns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return cns.length == 1 ? IETFUtils.valueToString(cns[0].getFirst().getValue()) : "";
    }

    @Override
    public String toString() {
        return "wipe of " + deviceId + " by command " + sequence + " at " + wipedAt;
    }
}
