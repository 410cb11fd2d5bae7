package org.doorstep.hq.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.doorstep.hq.TestHq;
import org.doorstep.hq.admin.AdminOptions;
import org.doorstep.hq.admin.AdminSession;
import org.doorstep.hq.admin.CommandView;
import org.doorstep.hq.admin.ConnectionSource;
import org.doorstep.hq.admin.HqAdmin;
import org.doorstep.hq.admin.store.DeviceEvents;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.command.Command;
import org.doorstep.sync.command.CommandType;
import org.doorstep.sync.command.SignedCommands;
import org.doorstep.sync.heartbeat.Heartbeat;
import org.doorstep.sync.pki.RevocationReason;
import org.doorstep.sync.protocol.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher on a clock the test moves, publishing into a list: a command waits until its laptop has been heard
 * (a broker would drop it for a laptop without a session), goes out signed with the device's numbers in order, is
 * published again when unanswered after the laptop was heard since, and fails when it expires; a revocation makes it
 * publish a CRL that lists the device; a Mosquitto CRL file is written whole and the broker reloaded, and a failed
 * reload is reported.
 */
class CommandDispatcherTest {

    @TempDir
    Path dir;

    /** A clock the test moves. */
    static final class Moving extends Clock {
        volatile Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    record Published(String topic, byte[] payload) {
    }

    @Test
    void commandsWaitForTheLaptopGoInOrderAndAreSentAgainWhenUnanswered() throws Exception {
        Moving clock = new Moving();
        try (TestHq hq = new TestHq(dir.resolve("hq"))) {
            TestHq.Device device = hq.enrol("dev-wait");
            List<Published> out = new ArrayList<>();
            List<X509CRL> crls = new ArrayList<>();
            try (CommandDispatcher dispatcher = new CommandDispatcher(hq.database, hq.identity, hq.ca,
                    (t, p) -> out.add(new Published(t, p)), crls::add, folder -> "", clock,
                    CommandDispatcher.Settings.defaults());
                    HqAdmin admin = HqAdmin.open(ConnectionSource.url(hq.database.url()),
                            AdminOptions.defaults().withPasswordCost(1024, 1).withWaitForHq(Duration.ofMillis(200)), clock);
                    HqStore store = hq.store("test")) {
                dispatcher.publishSettings("SHA256:00", "http://127.0.0.1:1/v1/enrol", "ssl://127.0.0.1:1");
                admin.createFirstAdmin("admin", "Admin", "a long password 1".toCharArray());
                AdminSession s = admin.signIn("admin", "a long password 1".toCharArray());
                CommandView wipe = s.wipe(device.id(), "stolen");
                dispatcher.runOnce();
                assertEquals(List.of(), out, "never heard: nothing published, the command waits");
                assertEquals(CommandView.State.QUEUED, state(s, wipe));

                store.heartbeat(new Heartbeat(device.id(), 1, clock.now, 0, 0, Optional.empty(), "1", 1, 10), clock.now);
                dispatcher.runOnce();
                assertEquals(1, out.size());
                Command signed = SignedCommands.verify(out.get(0).payload(), hq.identity.signingCertificate().getPublicKey(),
                        device.id(), d -> 0, clock);
                assertEquals(CommandType.WIPE, signed.type());
                assertEquals(1, signed.sequence());
                assertEquals(CommandView.State.SENT, state(s, wipe));

                // unanswered: not again before 5 minutes, nor before the laptop is heard since
                clock.now = clock.now.plus(Duration.ofMinutes(6));
                dispatcher.runOnce();
                assertEquals(1, out.size(), "not heard since: not published again");
                store.heartbeat(new Heartbeat(device.id(), 2, clock.now, 0, 0, Optional.empty(), "1", 1, 10), clock.now);
                dispatcher.runOnce();
                assertEquals(2, out.size(), "heard since: published again");
                assertEquals(1, SignedCommands.verify(out.get(1).payload(), hq.identity.signingCertificate().getPublicKey(),
                        device.id(), d -> 0, clock).sequence(), "with the same number");
                store.transaction(c -> DeviceEvents.commandResult(c, new CommandResult(device.id(), 1, CommandType.WIPE,
                        true, Optional.empty(), "carried out before; this delivery was a repeat", clock.now), clock.now));
                assertEquals(CommandView.State.ACKNOWLEDGED, state(s, wipe));

                // a revocation: the REVOKE command goes first and gets its grace, then the CRL lists the device
                int before = crls.size();
                s.revoke(device.id(), RevocationReason.KEY_COMPROMISE, "lost");
                dispatcher.runOnce();
                Command revoke = SignedCommands.verify(out.get(out.size() - 1).payload(),
                        hq.identity.signingCertificate().getPublicKey(), device.id(), d -> 0, clock);
                assertEquals(CommandType.REVOKE, revoke.type());
                assertEquals(2, revoke.sequence(), "the next number after the wipe's");
                assertEquals(before, crls.size(), "the REVOKE command just sent gets 3 s to reach a connected laptop");
                clock.now = clock.now.plusSeconds(4);
                dispatcher.runOnce();
                assertEquals(before + 1, crls.size());
                X509CRL crl = crls.get(crls.size() - 1);
                assertTrue(crl.isRevoked(device.certificate()), "the CRL lists the revoked laptop");

                // a command that expires queued fails; one that expires unanswered fails too
                clock.now = clock.now.plus(Duration.ofDays(8));
                dispatcher.runOnce();
                List<CommandView> all = s.commands(device.id(), 10);
                assertEquals(1, all.stream().filter(c -> c.type() == CommandType.REVOKE).count(), all.toString());
                assertTrue(all.stream().filter(c -> c.type() == CommandType.REVOKE).allMatch(c -> c.state()
                        == CommandView.State.FAILED && c.outcome().contains("expired")), all.toString());
            }
        }
    }

    @Test
    void theMosquittoCrlFileIsReplacedWholeAndAFailedReloadIsReported() throws Exception {
        try (TestHq hq = new TestHq(dir.resolve("hq"))) {
            X509CRL crl = new JcaX509CRLConverter().getCRL(hq.ca.crl());
            Path file = dir.resolve("crl.pem");
            Path marker = dir.resolve("reloaded");
            new CrlFile(file, List.of("sh", "-c", "echo reloaded > '" + marker + "'")).publish(crl);
            assertTrue(Files.readString(file).startsWith("-----BEGIN X509 CRL-----"));
            assertTrue(Files.exists(marker), "the reload command ran");
            IOException failed = assertThrows(IOException.class,
                    () -> new CrlFile(file, List.of("sh", "-c", "echo no such broker >&2; exit 3")).publish(crl));
            assertTrue(failed.getMessage().contains("failed (exit 3): no such broker"), failed.getMessage());
        }
    }

    /**
     * At scale: more commands than one pass looks at, for laptops that stay away, some queued and some sent and never
     * answered, never hold back those of a laptop that is online: its queued command goes out at the first pass after
     * it is heard, and its unanswered one is published again once it is heard since. The laptops that stay away sort
     * before it, so a batch taken in the order of device ids would hold none of its commands.
     */
    @Test
    void commandsOfLaptopsThatStayAwayNeverHoldBackThoseOfALaptopThatIsOnline() throws Exception {
        Moving clock = new Moving();
        try (TestHq hq = new TestHq(dir.resolve("hq"))) {
            TestHq.Device device = hq.enrol("zz-online");
            List<Published> out = new ArrayList<>();
            try (CommandDispatcher dispatcher = new CommandDispatcher(hq.database, hq.identity, hq.ca,
                    (t, p) -> out.add(new Published(t, p)), crl -> { }, folder -> "", clock,
                    CommandDispatcher.Settings.defaults());
                    HqAdmin admin = HqAdmin.open(ConnectionSource.url(hq.database.url()),
                            AdminOptions.defaults().withPasswordCost(1024, 1).withWaitForHq(Duration.ofMillis(200)), clock);
                    HqStore store = hq.store("test")) {
                int away = CommandDispatcher.BATCH + 100;
                store.transaction(c -> {
                    try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO outbound_commands (device_id,"
                            + " type, body, state, sequence, requested_by, requested_at, expires_at, sent_at, attempts,"
                            + " updated_at) VALUES (?, 'WIPE', '{}', ?, ?, 'admin', ?, ?, ?, 1, ?)")) {
                        java.sql.Timestamp then = java.sql.Timestamp.from(clock.now.minus(Duration.ofHours(1)));
                        java.sql.Timestamp expires = java.sql.Timestamp.from(clock.now.plus(Duration.ofDays(30)));
                        for (int i = 0; i < 2 * away; i++) {
                            boolean sent = i % 2 == 1;
                            ps.setString(1, String.format("away-%04d", i));
                            ps.setString(2, sent ? "SENT" : "QUEUED");
                            if (sent) {
                                ps.setLong(3, 1);
                            } else {
                                ps.setNull(3, java.sql.Types.BIGINT);
                            }
                            ps.setTimestamp(4, then);
                            ps.setTimestamp(5, expires);
                            ps.setTimestamp(6, sent ? then : null);
                            ps.setTimestamp(7, then);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
                admin.createFirstAdmin("admin", "Admin", "a long password 1".toCharArray());
                AdminSession s = admin.signIn("admin", "a long password 1".toCharArray());
                CommandView wipe = s.wipe(device.id(), "stolen");

                store.heartbeat(new Heartbeat(device.id(), 1, clock.now, 0, 0, Optional.empty(), "1", 1, 10), clock.now);
                dispatcher.runOnce();
                assertEquals(1, out.size(), "the online laptop's command went out at the first pass");
                assertEquals(device.id(), SignedCommands.verify(out.get(0).payload(),
                        hq.identity.signingCertificate().getPublicKey(), device.id(), d -> 0, clock).deviceId());
                assertEquals(CommandView.State.SENT, state(s, wipe));

                clock.now = clock.now.plus(Duration.ofMinutes(6));
                store.heartbeat(new Heartbeat(device.id(), 2, clock.now, 0, 0, Optional.empty(), "1", 1, 10), clock.now);
                dispatcher.runOnce();
                assertEquals(2, out.size(), "heard since: its unanswered command was published again");
                assertEquals(1, dispatcher.stats().republished());
                assertTrue(out.stream().allMatch(p -> p.topic().contains(device.id())), "nothing went to a laptop away");
                List<CommandView> all = s.commands(null, 3 * away);
                assertEquals(away, all.stream().filter(c -> c.deviceId().startsWith("away-")
                        && c.state() == CommandView.State.QUEUED).count(), "the away laptops' commands still wait");
            }
        }
    }

    private static CommandView.State state(AdminSession s, CommandView command) throws Exception {
        return s.commands(command.deviceId(), 20).stream().filter(c -> c.id() == command.id()).findFirst().orElseThrow()
                .state();
    }

}
