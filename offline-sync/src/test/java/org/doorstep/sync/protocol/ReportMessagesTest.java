package org.doorstep.sync.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.doorstep.sync.command.CommandType;
import org.doorstep.sync.pki.PkiSuite;
import org.junit.jupiter.api.Test;

/**
 * The laptop's reports read strictly at HQ: a command result, and a wipe confirmation checked against the device
 * certificate (forged, altered, another device's, malformed: each refused with its reason).
 */
class ReportMessagesTest {

    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aCommandResultComesBackWholeAndEveryMalformedOneIsRefused() throws Exception {
        CommandResult done = new CommandResult("dev-a", 12, CommandType.WORK_ORDER, true, Optional.empty(),
                "work order WO-1 stored", AT);
        assertEquals(done, CommandResult.fromJson(done.toJson(), "dev-a"));
        CommandResult refused = new CommandResult("dev-a", 13, CommandType.RESEND, false, Optional.of("NOT_APPLICABLE"),
                "there is nothing to send again", AT);
        assertEquals(refused, CommandResult.fromJson(refused.toJson(), "dev-a"));
        assertEquals(ProtocolException.Reason.OTHER_DEVICE, assertThrows(ProtocolException.class,
                () -> CommandResult.fromJson(done.toJson(), "dev-b")).reason());
        String json = new String(done.toJson(), StandardCharsets.UTF_8);
        for (String bad : List.of("", "[]", "{}", json.replace("carried-out", "perhaps"),
                json.replace("WORK_ORDER", "LAUNCH"), json.replace("\"sequence\":12", "\"sequence\":0"),
                json.replace("\"sequence\":12", "\"sequence\":\"12\""), json.replace("2026-11-21T10:00:00Z", "today"),
                json.replace("}", ",\"extra\":1}"), json.replace("\"outcome\":\"carried-out\"",
                        "\"outcome\":\"carried-out\",\"reason\":\"BAD_BODY\""),
                json.replace("\"outcome\":\"carried-out\"", "\"outcome\":\"refused\""),
                json.replace("work order WO-1 stored", "x".repeat(301)), json + " {}",
                "{\"format\":\"doorstep-command-result/1\"," + "\"detail\":\"" + "y".repeat(3000) + "\"}")) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> CommandResult.fromJson(bad.getBytes(StandardCharsets.UTF_8), "dev-a"), bad);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void aWipeConfirmationIsAcceptedOnlyWithTheDevicesSignatureAndName() throws Exception {
        KeyPair device = PkiSuite.INTL.generateKeyPair(RANDOM);
        X509Certificate certificate = certificate("dev-a", device);
        byte[] signed = confirmation(device, "{\"device\":\"dev-a\",\"sequence\":4,\"commandIssuedAt\":\"2026-11-21T09:00:00Z\","
                + "\"wipedAt\":\"2026-11-21T09:05:00Z\",\"reason\":\"stolen\"}");
        WipeProof proof = WipeProof.verify(signed, certificate, PkiSuite.INTL, "dev-a");
        assertEquals(new WipeProof("dev-a", 4, Instant.parse("2026-11-21T09:00:00Z"), Instant.parse("2026-11-21T09:05:00Z"),
                "stolen"), proof);
        assertEquals("dev-a", WipeProof.claimedDevice(signed));

        KeyPair other = PkiSuite.INTL.generateKeyPair(RANDOM);
        assertEquals(ProtocolException.Reason.FORGED, assertThrows(ProtocolException.class,
                () -> WipeProof.verify(signed, certificate("dev-a", other), PkiSuite.INTL, "dev-a")).reason());
        String text = new String(signed, StandardCharsets.UTF_8);
        String payload = text.substring(text.indexOf("\"payload\":\"") + 11, text.indexOf("\",\"signature\""));
        byte[] altered = text.replace(payload, Base64.getEncoder().encodeToString(new String(
                Base64.getDecoder().decode(payload), StandardCharsets.UTF_8).replace("stolen", "lost  ")
                .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        assertEquals(ProtocolException.Reason.FORGED, assertThrows(ProtocolException.class,
                () -> WipeProof.verify(altered, certificate, PkiSuite.INTL, "dev-a")).reason());
        byte[] otherName = confirmation(device, "{\"device\":\"dev-b\",\"sequence\":4,\"commandIssuedAt\":"
                + "\"2026-11-21T09:00:00Z\",\"wipedAt\":\"2026-11-21T09:05:00Z\",\"reason\":\"stolen\"}");
        assertEquals(ProtocolException.Reason.OTHER_DEVICE, assertThrows(ProtocolException.class,
                () -> WipeProof.verify(otherName, certificate, PkiSuite.INTL, "dev-a")).reason());
        for (String bad : List.of("", "{}", "{\"format\":\"doorstep-wipe-confirmation/1\"}",
                text.replace("confirmation/1", "confirmation/2"), text.replace("}", ",\"x\":1}"),
                text.replace("\"signature\":\"", "\"signature\":\"!"))) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> WipeProof.verify(bad.getBytes(StandardCharsets.UTF_8), certificate, PkiSuite.INTL, "dev-a"), bad);
            assertTrue(e.reason() == ProtocolException.Reason.MALFORMED || e.reason() == ProtocolException.Reason.FORGED,
                    bad + " → " + e.reason());
        }
        byte[] badTime = confirmation(device, "{\"device\":\"dev-a\",\"sequence\":4,\"commandIssuedAt\":\"then\","
                + "\"wipedAt\":\"2026-11-21T09:05:00Z\",\"reason\":\"stolen\"}");
        assertEquals(ProtocolException.Reason.MALFORMED, assertThrows(ProtocolException.class,
                () -> WipeProof.verify(badTime, certificate, PkiSuite.INTL, "dev-a")).reason());
    }

    private static byte[] confirmation(KeyPair key, String payload) throws Exception {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key.getPrivate());
        s.update(bytes);
        return ("{\"format\":\"doorstep-wipe-confirmation/1\",\"payload\":\"" + Base64.getEncoder().encodeToString(bytes)
                + "\",\"signature\":\"" + Base64.getEncoder().encodeToString(s.sign()) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static X509Certificate certificate(String cn, KeyPair key) throws Exception {
        X500Name name = new X500Name("O=Doorstep, CN=" + cn);
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(AT.minusSeconds(3600)), Date.from(AT.plusSeconds(86_400)), name, key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }
}
