package org.doorstep.sync.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.doorstep.sync.command.CommandRejected.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignedCommandsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ME = "dev-7f3a";
    private static KeyPair hq;
    private static KeyPair forger;

    /** The laptop's record of accepted numbers: the test advances it as a laptop would after acting. */
    private final Map<String, Long> accepted = new HashMap<>();
    private final SignedCommands.SequenceStore store = device -> accepted.getOrDefault(device, 0L);

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        hq = g.generateKeyPair();
        forger = g.generateKeyPair();
    }

    private static Command wipe(String device, long seq) {
        return new Command(device, seq, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)), CommandType.WIPE,
                "{\"reason\":\"laptop reported lost\"}");
    }

    private Reason rejected(byte[] message) {
        return assertThrows(CommandRejected.class, () -> SignedCommands.verify(message, hq.getPublic(), ME, store, CLOCK))
                .reason();
    }

    @Test
    void aSignedCommandIsAcceptedOnceAndItsReplayIsRefused() throws Exception {
        byte[] message = SignedCommands.sign(wipe(ME, 1), hq.getPrivate());
        Command c = SignedCommands.verify(message, hq.getPublic(), ME, store, CLOCK);
        assertEquals(CommandType.WIPE, c.type());
        assertEquals("{\"reason\":\"laptop reported lost\"}", c.bodyJson());
        accepted.put(ME, c.sequence());
        assertEquals(Reason.REPLAYED, rejected(message));
        assertEquals(Reason.REPLAYED, rejected(SignedCommands.sign(wipe(ME, 1), hq.getPrivate())), "a re-signed old number");
        SignedCommands.verify(SignedCommands.sign(wipe(ME, 2), hq.getPrivate()), hq.getPublic(), ME, store, CLOCK);
    }

    @Test
    void forgedAlteredMisaddressedAndStaleCommandsAreRefused() throws Exception {
        assertEquals(Reason.FORGED, rejected(SignedCommands.sign(wipe(ME, 1), forger.getPrivate())));
        byte[] good = SignedCommands.sign(wipe(ME, 1), hq.getPrivate());
        String text = new String(good, StandardCharsets.UTF_8);
        String payload = text.replaceAll(".*\"payload\":\"([^\"]+)\".*", "$1");
        String altered = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8).replace("WIPE", "REVOKE");
        byte[] tampered = text.replace(payload, Base64.getEncoder().encodeToString(altered.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(Reason.FORGED, rejected(tampered));
        assertEquals(Reason.OTHER_DEVICE, rejected(SignedCommands.sign(wipe("dev-other", 1), hq.getPrivate())));
        Command old = new Command(ME, 1, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(3)), CommandType.WIPE, "{}");
        assertEquals(Reason.EXPIRED, rejected(SignedCommands.sign(old, hq.getPrivate())));
        Command future = new Command(ME, 1, NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)), CommandType.WIPE, "{}");
        assertEquals(Reason.NOT_YET_VALID, rejected(SignedCommands.sign(future, hq.getPrivate())));
    }

    @Test
    void malformedMessagesAreRefusedWithoutCrashing() {
        for (String m : new String[] { "", "x", "[]", "{\"format\":\"doorstep-command/2\",\"payload\":\"\",\"signature\":\"\"}",
                "{\"format\":\"doorstep-command/1\",\"payload\":\"!!\",\"signature\":\"AA==\"}",
                "{\"format\":\"doorstep-command/1\",\"payload\":\"e30=\",\"signature\":\"AA==\",\"extra\":1}",
                "{\"format\":\"doorstep-command/1\",\"payload\":\"e30=\",\"signature\":\"AA==\"}" }) {
            Reason r = rejected(m.getBytes(StandardCharsets.UTF_8));
            assertEquals(true, r == Reason.MALFORMED || r == Reason.FORGED, m + " gave " + r);
        }
    }
}
