package org.doorstep.hq.admin;

import static org.doorstep.hq.TestHq.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;


import org.doorstep.hq.local.LocalHq;
import org.doorstep.sync.chunk.Chunk;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.command.Command;
import org.doorstep.sync.command.CommandType;
import org.doorstep.sync.command.SignedCommands;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.vault.CaseSealing;
import org.doorstep.sync.vault.CommandExecutor;
import org.doorstep.sync.vault.CommandOutcome;
import org.doorstep.sync.vault.LaptopSync;
import org.doorstep.sync.vault.OnlineEnrolment;
import org.doorstep.sync.vault.PacketSpoolFolder;
import org.doorstep.sync.vault.WipeConfirmation;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.CaseStatusUpdate;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.HqCaseStatus;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An administrator and a real laptop (the vault, encrypted Derby on disk, and the laptop's sync service) through a
 * local HQ (embedded broker, ingest, the dispatcher): the laptop enrols with a code the administration service
 * issued; its case arrives, its real audit slice verifies at HQ, the board names its officer; a case returned after
 * review shows its reason on the laptop; a work order arrives; a packet damaged on the laptop's disk is rejected, and
 * the resend request has the laptop seal the case again, which HQ then stores; a remote wipe reaches the laptop,
 * which destroys its keys and proves it over the link it still holds, and the board shows the laptop wiped. A second
 * laptop's wipe confirmation comes on a removable medium.
 */
class LaptopAdministrationTest {

    @TempDir
    Path dir;

    private static SyncClient.Options options(Path data) {
        return new SyncClient.Options(500, 4L << 30, Chunk.MAX_PAYLOAD_BYTES, Duration.ofSeconds(5), Duration.ofSeconds(1),
                "laptop-test", data);
    }

    @Test
    void anAdministratorEnrolsReviewsResendsAndWipesARealLaptop() throws Exception {
        LocalHq.Config config = new LocalHq.Config(dir.resolve("hq"), "127.0.0.1", 0, 0, 2, PkiSuite.INTL);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path laptopData = dir.resolve("laptop");
        try (LocalHq hq = LocalHq.start(config, new PrintStream(log, true, StandardCharsets.UTF_8));
                HqAdmin admin = HqAdmin.open(ConnectionSource.url(hq.database().url()),
                        AdminOptions.defaults().withPasswordCost(1024, 1).withZone(ZoneOffset.UTC), Clock.systemUTC())) {
            assertTrue(Files.readString(config.data().resolve(LocalHq.ADMIN_PROPERTIES)).contains(hq.database().url()));
            char[] password = hq.createFirstAdmin(null).orElseThrow();
            assertTrue(hq.createFirstAdmin(null).isEmpty(), "only once");
            AdminSession session = admin.signIn("admin", password);

            Fixture fixture = new Fixture(laptopData);
            Vault vault = fixture.setUp(CryptoSuite.INTL);
            String device = vault.deviceName();
            EnrolmentGrant grant = session.enrol(device);
            assertEquals(Optional.of(hq.caFingerprint()), grant.caFingerprint());
            OnlineEnrolment.enrol(vault, java.net.URI.create(grant.enrolmentUri().orElseThrow()), grant.code(),
                    grant.caFingerprint().orElseThrow(), Clock.systemUTC());
            LaptopSync sync = LaptopSync.start(vault, options(laptopData), Clock.systemUTC());
            try {
                // a case arrives; the board names the officer; the real audit slice verifies at HQ
                String caseId = vault.cases().create("李秀英 · 护照", false, Fixture.typicalCase("admin-1")).id();
                vault.cases().moveTo(caseId, CaseState.COMPLETE, null);
                sync.seal(caseId);
                await("the case is shredded after HQ's receipt", () -> vault.cases().get(caseId).state() == CaseState.SHREDDED);
                await("the board shows the laptop's officer and the case", () -> device(session, device)
                        .map(d -> d.delivered() == 1 && d.officers().contains(Fixture.WANG.id())).orElse(false));
                // HQ keeps the whole chain: the slices travel with the cases, the rest of the trail in batches
                List<org.doorstep.vault.AuditEntry> onLaptop = vault.auditEntries(1, 10_000);
                long laptopLast = onLaptop.get(onLaptop.size() - 1).seq();
                await("HQ holds the laptop's whole trail", () -> check(session, device).lastSeq() >= laptopLast
                        && check(session, device).gaps().isEmpty(), () -> check(session, device).toString());
                AuditCheck trail = check(session, device);
                assertTrue(trail.intact(), trail.breaks().toString());
                assertTrue(session.deviceAudit(device, 1, 10_000).stream().anyMatch(e -> e.action().equals("UNLOCK")
                        || e.action().equals("ENROLMENT_INSTALLED")), "entries of no case came too");
                CaseView stored = session.findCase(caseId);
                assertEquals(Optional.of(Fixture.WANG.id()), stored.officer());
                assertTrue(stored.createdAt().isPresent(), "creation time from the slice");

                // returned after review: the officer sees the reason on the delivered case
                CommandView returned = session.returnCase(stored.packetId(), "照片背景不合格，请重新上门采集");
                await("the laptop keeps the returned status", () -> !vault.hqInbox().statusOf(caseId).isEmpty());
                CaseStatusUpdate status = vault.hqInbox().statusOf(caseId).get(0);
                assertEquals(HqCaseStatus.RETURNED, status.status());
                assertEquals("照片背景不合格，请重新上门采集", status.note());
                await("the laptop reported the status carried out", () -> state(session, returned)
                        == CommandView.State.ACKNOWLEDGED);
                assertEquals(HqCaseState.RETURNED, session.caseOf(stored.packetId()).state());

                // a work order
                CommandView order = session.dispatchWorkOrder(device, new WorkOrderRequest("WO-2026-000777", "王秀兰",
                        Optional.of("11010519491231002X"), Optional.of("+86 138 0000 0000"), "北京市朝阳区某街道 1 号",
                        "aged-60-plus", List.of("passport"), Optional.empty(), Optional.of("上午")));
                await("the work order is on the laptop", () -> vault.hqInbox().workOrder("WO-2026-000777").isPresent());
                await("and acknowledged", () -> state(session, order) == CommandView.State.ACKNOWLEDGED);
            } finally {
                sync.close();
            }

            // a packet damaged on the laptop's disk: rejected; the resend has it sealed again and stored
            String second = vault.cases().create("张伟 · 港澳通行证", false, Fixture.typicalCase("admin-2")).id();
            vault.cases().moveTo(second, CaseState.COMPLETE, null);
            PacketRecord damaged = new CaseSealing(vault, new PacketSpoolFolder(laptopData), Clock.systemUTC(),
                    new SecureRandom()).seal(second);
            Path file = new PacketSpoolFolder(laptopData).fileOf(damaged.packetId());
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.seek(raf.length() / 2);
                int b = raf.read();
                raf.seek(raf.length() / 2);
                raf.write(b ^ 0x40);
            }
            sync = LaptopSync.start(vault, options(laptopData), Clock.systemUTC());
            try {
                await("HQ rejected the damaged packet and the laptop knows", () -> vault.cases().get(second).state()
                        == CaseState.REJECTED);
                RejectView reject = session.rejects(Optional.of(device), 10).get(0);
                assertEquals(Optional.of(damaged.packetId()), reject.packetId());
                assertEquals("TAMPERED", reject.reason());
                CommandView resend = session.requestResend(damaged.packetId(), "damaged in transit");
                await("the case was sealed again, stored at HQ and shredded", () -> vault.cases().get(second).state()
                        == CaseState.SHREDDED, () -> vault.cases().get(second).state().toString());
                assertFalse(session.findCase(second).packetId().equals(damaged.packetId()), "a new packet");
                await("the resend is acknowledged", () -> state(session, resend) == CommandView.State.ACKNOWLEDGED);
                assertTrue(session.rejects(Optional.of(device), 10).get(0).resend().isPresent());

                // the remote wipe: keys destroyed on the laptop, the signed confirmation at HQ
                CommandView wipe = session.wipe(device, "laptop reported stolen");
                assertEquals(DeviceState.WIPE_PENDING, device(session, device).orElseThrow().state());
                await("the board shows the laptop wiped", () -> device(session, device).orElseThrow().state()
                        == DeviceState.WIPED);
                assertEquals(Vault.Status.WIPED, vault.status());
                assertTrue(Files.exists(laptopData.resolve(WipeConfirmation.FILE)));
                assertTrue(device(session, device).orElseThrow().wipedAt().isPresent());
                assertEquals(CommandView.State.ACKNOWLEDGED, state(session, wipe));
            } finally {
                sync.close();
                vault.close();
            }

            // a second laptop wiped while HQ could not hear it: its proof comes on a stick
            Path otherData = dir.resolve("other");
            Fixture other = new Fixture(otherData);
            Vault second2 = Vault.setUp(otherData, "FIELD-08", CryptoSuite.INTL, Fixture.WANG,
                    Fixture.PASSPHRASE.toCharArray(), Fixture.PASSPHRASE.toCharArray(), Fixture.POLICY, other.clock,
                    other.random);
            try {
                EnrolmentGrant g = session.enrol("FIELD-08");
                OnlineEnrolment.enrol(second2, java.net.URI.create(g.enrolmentUri().orElseThrow()), g.code(),
                        g.caFingerprint().orElseThrow(), Clock.systemUTC());
                Instant now = Instant.now();
                byte[] command = SignedCommands.sign(new Command("FIELD-08", 1, now, now.plus(Duration.ofDays(1)),
                        CommandType.WIPE, "{\"reason\":\"found broken\"}"), hq.identity().signingKey());
                assertTrue(new CommandExecutor(second2, Clock.systemUTC()).execute(command)
                        instanceof CommandOutcome.CarriedOut);
            } finally {
                second2.close();
            }
            Path stick = Files.createDirectories(dir.resolve("stick"));
            Files.copy(otherData.resolve(WipeConfirmation.FILE), stick.resolve("wipe-confirmation-FIELD-08.json"));
            Files.writeString(stick.resolve("wipe-confirmation-forged.json"), "{\"format\":\"doorstep-wipe-confirmation/1\"}");
            MediaImportResult imported = session.importMedia(stick);
            assertEquals("done", imported.state(), imported.report());
            assertTrue(imported.report().contains("wipe-confirmation-FIELD-08.json: wipe of FIELD-08 by command 1"),
                    imported.report());
            assertTrue(imported.report().contains("wipe-confirmation-forged.json: refused"), imported.report());
            assertEquals(DeviceState.WIPED, device(session, "FIELD-08").orElseThrow().state());
        }
    }

    private static Optional<DeviceView> device(AdminSession session, String id) {
        try {
            return session.device(id);
        } catch (AdminException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuditCheck check(AdminSession session, String device) {
        try {
            return session.verifyDeviceAudit(device);
        } catch (AdminException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CommandView.State state(AdminSession session, CommandView command) {
        try {
            return session.commands(command.deviceId(), 50).stream().filter(c -> c.id() == command.id()).findFirst()
                    .orElseThrow().state();
        } catch (AdminException e) {
            throw new IllegalStateException(e);
        }
    }

}
