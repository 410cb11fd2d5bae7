package org.doorstep.hq.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.doorstep.hq.TestHq;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.command.CommandType;
import org.doorstep.sync.pki.EnrolmentBundleException;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.vault.LaptopSync;
import org.doorstep.sync.vault.OnlineEnrolment;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's path, with every part real: a local HQ (embedded broker, Derby network server, two ingest
 * workers, CA and enrolment endpoint) started in one call; a real laptop vault (encrypted Derby on disk) enrolled
 * over HTTP with a one-time code and the CA fingerprint; a typical case (form, photo, ten fingerprints) sealed,
 * sent over mutual-TLS MQTT, stored at HQ, receipted — and shredded on the laptop only then. Then the same HQ
 * restarted from its data folder keeps its CA and refuses a revoked laptop's packet.
 */
class LocalHqTest {

    @TempDir
    Path dir;


    private boolean noPacketFiles() {
        try (var files = Files.list(dir.resolve("laptop/outbox"))) {
            return files.noneMatch(p -> p.toString().endsWith(".dspk"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aNewcomerEnrolsALaptopAndSeesACaseArriveAndShredded() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        LocalHq.Config config = new LocalHq.Config(dir.resolve("hq"), "127.0.0.1", 0, 0, 2, PkiSuite.INTL);
        String fingerprint;
        try (LocalHq hq = LocalHq.start(config, new PrintStream(log, true, StandardCharsets.UTF_8));
                Vault vault = new Fixture(dir.resolve("laptop")).setUp(CryptoSuite.INTL)) {
            fingerprint = hq.caFingerprint();
            String code = hq.issueCode(vault.deviceName()).code().formatted();
            EnrolmentBundleException wrongCa = assertThrows(EnrolmentBundleException.class, () -> OnlineEnrolment.enrol(
                    vault, hq.enrolmentUri(), code, "SHA256:" + "00".repeat(32), Clock.systemUTC()));
            assertTrue(wrongCa.getMessage().contains("not your HQ"), wrongCa.getMessage());
            // the refused attempt used the code up: HQ issues another, as an administrator would
            String second = hq.issueCode(vault.deviceName()).code().formatted();
            OnlineEnrolment.enrol(vault, hq.enrolmentUri(), second, fingerprint, Clock.systemUTC());

            String caseId = vault.cases().create("李秀英 · 护照", true, Fixture.typicalCase("e2e")).id();
            vault.cases().moveTo(caseId, CaseState.COMPLETE, null);
            try (LaptopSync sync = LaptopSync.start(vault, SyncClient.Options.defaults(dir.resolve("laptop"), "test"),
                    Clock.systemUTC())) {
                sync.seal(caseId);
                TestHq.await("the case is shredded after HQ's receipt and its packet file gone",
                        () -> vault.cases().get(caseId).state() == CaseState.SHREDDED && noPacketFiles());
                // the down channel: an HQ-signed work order reaches the laptop and is stored once
                hq.sendCommand(vault.deviceName(), CommandType.WORK_ORDER, "{\"orderId\":\"WO-2026-000123\","
                        + "\"applicant\":{\"name\":\"王秀兰\"},\"address\":\"北京市朝阳区某街道 1 号\","
                        + "\"reason\":\"aged-60-plus\",\"documents\":[\"passport\"]}", Duration.ofDays(2));
                TestHq.await("the work order is in the vault", () -> vault.hqInbox().workOrders().size() == 1);
                assertEquals("WO-2026-000123", vault.hqInbox().workOrders().get(0).orderId());
            }
            try (HqStore store = new HqStore(hq.database(), "check", Clock.systemUTC())) {
                assertEquals(1, store.count("packets"));
                assertEquals(caseId, store.packets().get(0).caseId());
                assertTrue(store.count("packet_entries") >= 12, "form, photo, ten fingers and the audit slice");
            }
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("received case " + caseId), log.toString());
        }

        // the same HQ again from its data folder: same CA, and a revoked laptop is refused
        try (LocalHq hq = LocalHq.start(config, new PrintStream(log, true, StandardCharsets.UTF_8));
                Vault vault = new Fixture(dir.resolve("laptop")).reopenUnlocked()) {
            assertEquals(fingerprint, hq.caFingerprint(), "the CA survives a restart");
            String caseId = vault.cases().create("second", false, Fixture.typicalCase("e2e-2")).id();
            vault.cases().moveTo(caseId, CaseState.COMPLETE, null);
            try (LaptopSync sync = LaptopSync.start(vault, SyncClient.Options.defaults(dir.resolve("laptop"), "test"),
                    Clock.systemUTC())) {
                hq.revoke(vault.deviceName(), org.doorstep.sync.pki.RevocationReason.KEY_COMPROMISE);
                sync.link().close();
                try (LaptopSync again = LaptopSync.start(vault, SyncClient.Options.defaults(dir.resolve("laptop"),
                        "test"), Clock.systemUTC())) {
                    // the complete case is sealed by the service itself (LaptopSync.sealWaiting), no one asks
                    org.doorstep.hq.TestHq.await("the waiting case sealed",
                            () -> vault.cases().get(caseId).state() == CaseState.QUEUED);
                    Thread.sleep(3000);
                    assertFalse(again.link().isConnected(), "the broker refuses the revoked laptop");
                    assertEquals(CaseState.QUEUED, vault.cases().get(caseId).state(), "its case waits, unshredded");
                }
            }
        }
    }
}
