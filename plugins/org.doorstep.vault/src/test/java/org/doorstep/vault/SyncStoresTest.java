package org.doorstep.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.crypto.DeviceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The vault's side of the sync service: settings, packets, what HQ's commands leave, the device key's loans. */
class SyncStoresTest {

    private static final URI BROKER = URI.create("ssl://broker.hq.doorstep.invalid:8883");

    @TempDir
    Path dir;

    // ---- settings ----

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void anEnrolmentIsKeptSealedAndReadBackAfterARestart(CryptoSuite suite) throws Exception {
        Fixture f = new Fixture(dir);
        SyncEnrolment installed;
        try (Vault vault = f.setUp(suite)) {
            assertTrue(vault.syncSettings().enrolment().isEmpty());
            vault.syncSettings().recordEnrolmentRequest("dev-field-07");
            assertEquals(Optional.of("dev-field-07"), vault.syncSettings().requestedDeviceId());
            installed = enrolment(vault, "dev-field-07", vault.devicePublicKey());
            vault.syncSettings().install(installed, "serial 01");
            assertTrue(vault.syncSettings().requestedDeviceId().isEmpty(), "the request is answered");
        }
        try (Vault vault = f.reopenUnlocked()) {
            assertEquals(installed, vault.syncSettings().enrolment().orElseThrow());
            List<AuditAction> actions = vault.auditEntries(1, 100).stream().map(AuditEntry::action).toList();
            assertTrue(actions.containsAll(List.of(AuditAction.ENROLMENT_REQUESTED, AuditAction.ENROLMENT_INSTALLED)));
        }
        try (DbProbe probe = DbProbe.open(f)) {
            for (byte[] raw : column(probe, "SELECT val FROM sync_settings")) {
                assertFalse(contains(raw, "broker.hq.doorstep.invalid".getBytes(StandardCharsets.UTF_8)),
                        "settings are sealed, not only inside Derby's encryption");
            }
        }
    }

    @Test
    void aCertificateForAnotherKeyIsNeverStoredAsTheDevicesOwn() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            byte[] otherKey = DeviceKey.generate(CryptoSuite.INTL, f.random).publicKeyInfo();
            SyncEnrolment foreign = enrolment(vault, "dev-field-07", otherKey);
            VaultException e = assertThrows(VaultException.class, () -> vault.syncSettings().install(foreign, null));
            assertTrue(e.getMessage().contains("another key"), e.getMessage());
            assertTrue(vault.syncSettings().enrolment().isEmpty());
            SyncEnrolment garbage = new SyncEnrolment("dev-field-07", new byte[] {1, 2, 3}, new byte[1], new byte[1],
                    new byte[1], BROKER, Instant.EPOCH);
            assertThrows(IllegalArgumentException.class, () -> vault.syncSettings().install(garbage, null));
            assertTrue(vault.syncSettings().enrolment().isEmpty(), "garbage is no certificate either");
        }
    }

    @Test
    void aRevocationEndsOnlyWithANewCertificate() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            SyncEnrolment first = enrolment(vault, "dev-field-07", vault.devicePublicKey());
            vault.syncSettings().install(first, null);
            vault.hqInbox().acceptRevocation(4, "laptop reported stolen");
            DeviceRevocation revocation = vault.syncSettings().revocation().orElseThrow();
            assertEquals(4, revocation.sequence());
            assertEquals("laptop reported stolen", revocation.reason());
            vault.syncSettings().install(first, null);
            assertTrue(vault.syncSettings().revoked(), "the revoked certificate again does not end it");
            vault.syncSettings().install(enrolment(vault, "dev-field-07", vault.devicePublicKey()), null);
            assertFalse(vault.syncSettings().revoked(), "a new certificate (a new enrolment at HQ) does");
            assertEquals(4, vault.syncSettings().lastCommandSequence());
        }
    }

    // ---- what HQ's commands leave ----

    @Test
    void aCommandIsStoredWithItsNumberExactlyOnce() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            HqInbox inbox = vault.hqInbox();
            inbox.acceptWorkOrder(3, "WO-1", order("张三"));
            assertEquals(3, vault.syncSettings().lastCommandSequence());
            assertThrows(VaultException.CommandReplayed.class, () -> inbox.acceptWorkOrder(3, "WO-2", order("李四")));
            assertThrows(VaultException.CommandReplayed.class, () -> inbox.acceptRevocation(2, "old"));
            assertEquals(List.of("WO-1"), inbox.workOrders().stream().map(StoredWorkOrder::orderId).toList());
            assertFalse(vault.syncSettings().revoked(), "a replay changes nothing");
            inbox.acceptWorkOrder(4, "WO-1", order("张三 amended"));
            StoredWorkOrder amended = inbox.workOrder("WO-1").orElseThrow();
            assertEquals(4, amended.sequence());
            assertArrayEquals(order("张三 amended"), amended.json());
            assertEquals(1, inbox.workOrders().size());
        }
    }

    @Test
    void workOrdersAreSealedAtRestAndLeaveWithTheirCase() throws Exception {
        Fixture f = new Fixture(dir);
        String caseId;
        try (Vault vault = f.setUp(CryptoSuite.GM)) {
            vault.hqInbox().acceptWorkOrder(1, "WO-7", order("WORKORDERMARKER"));
            vault.hqInbox().acceptWorkOrder(2, "WO-8", order("someone else"));
            caseId = completeCase(vault);
            vault.hqInbox().attachWorkOrder("WO-7", caseId);
            assertEquals(caseId, vault.hqInbox().workOrder("WO-7").orElseThrow().caseId());
        }
        try (DbProbe probe = DbProbe.open(f)) {
            for (byte[] raw : column(probe, "SELECT content FROM work_orders")) {
                assertFalse(contains(raw, "WORKORDERMARKER".getBytes(StandardCharsets.UTF_8)));
            }
        }
        try (Vault vault = f.reopenUnlocked()) {
            deliver(vault, caseId);
            assertTrue(vault.hqInbox().workOrder("WO-7").isEmpty(), "the order went with the shredded case");
            assertTrue(vault.hqInbox().workOrder("WO-8").isPresent());
            assertTrue(vault.auditEntriesOf(caseId).stream().anyMatch(e -> e.action() == AuditAction.WORK_ORDER_REMOVED));
            vault.hqInbox().removeWorkOrder("WO-8", "done at the office");
            assertEquals(List.of(), vault.hqInbox().workOrders());
            assertThrows(VaultException.class, () -> vault.hqInbox().removeWorkOrder("WO-8", null));
            assertTrue(vault.verifyAudit().intact());
        }
    }

    @Test
    void statusUpdatesAreKeptOnlyForCasesHqConfirmed() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            String caseId = completeCase(vault);
            Instant at = Instant.parse("2026-11-25T10:00:00Z");
            assertThrows(VaultException.IllegalTransition.class,
                    () -> vault.hqInbox().acceptStatus(1, caseId, HqCaseStatus.ACCEPTED, at, null));
            assertThrows(VaultException.NoSuchCase.class, () -> vault.hqInbox().acceptStatus(1,
                    "00000000-0000-0000-0000-000000000000", HqCaseStatus.ACCEPTED, at, null));
            assertEquals(0, vault.syncSettings().lastCommandSequence(), "a refused update uses up no number");
            deliver(vault, caseId);
            vault.hqInbox().acceptStatus(1, caseId, HqCaseStatus.ACCEPTED, at, null);
            vault.hqInbox().acceptStatus(2, caseId, HqCaseStatus.POSTED, at.plusSeconds(86_400), "EMS EA123456789CN");
            List<CaseStatusUpdate> updates = vault.hqInbox().statusOf(caseId);
            assertEquals(List.of(HqCaseStatus.ACCEPTED, HqCaseStatus.POSTED), updates.stream().map(CaseStatusUpdate::status).toList());
            assertNull(updates.get(0).note());
            assertEquals("EMS EA123456789CN", updates.get(1).note());
        }
    }

    @Test
    void cataloguesOnlyMoveForward() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            vault.hqInbox().acceptCatalogue(1, 2, "{\"v\":2}".getBytes(StandardCharsets.UTF_8));
            assertThrows(VaultException.IllegalTransition.class,
                    () -> vault.hqInbox().acceptCatalogue(2, 2, "{\"v\":2}".getBytes(StandardCharsets.UTF_8)));
            vault.hqInbox().acceptCatalogue(2, 3, "{\"v\":3}".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(2, 3), vault.hqInbox().catalogues().stream().map(StoredCatalogue::version).toList());
            assertEquals(2, vault.syncSettings().lastCommandSequence());
        }
    }

    // ---- packets ----

    @Test
    void aPacketCarriesItsCaseToShreddingAndRepeatedAnswersChangeNothing() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            String caseId = completeCase(vault);
            PacketRecord p = vault.packets().beginSealing(caseId);
            assertEquals(PacketState.SEALING, p.state());
            assertEquals(CaseState.SEALED, vault.cases().get(caseId).state());
            assertEquals(p, vault.packets().beginSealing(caseId), "sealing again after a crash keeps the packet");
            PacketRecord queued = vault.packets().queue(p.packetId(), 1234, new byte[32]);
            assertEquals(PacketState.QUEUED, queued.state());
            assertEquals(1234, queued.bytes());
            assertEquals(CaseState.QUEUED, vault.cases().get(caseId).state());
            assertThrows(VaultException.IllegalTransition.class, () -> vault.packets().beginSealing(caseId));
            assertTrue(vault.packets().sent(p.packetId()));
            assertFalse(vault.packets().sent(p.packetId()), "sent twice changes nothing");
            assertEquals(CaseState.SENT, vault.cases().get(caseId).state());
            CaseSummary shredded = vault.packets().delivered(p.packetId(), "HQ-R-1").orElseThrow();
            assertEquals(CaseState.SHREDDED, shredded.state());
            assertEquals(Optional.empty(), vault.packets().delivered(p.packetId(), "HQ-R-1"), "a second receipt");
            assertThrows(VaultException.IllegalTransition.class, () -> vault.packets().rejected(p.packetId(), "late"),
                    "a rejection after the receipt is not believed");
            PacketRecord delivered = vault.packets().get(p.packetId()).orElseThrow();
            assertEquals(PacketState.DELIVERED, delivered.state());
            assertEquals("HQ-R-1", delivered.receipt());
            assertEquals(List.of(), vault.packets().open());
            List<AuditAction> trail = vault.auditEntriesOf(caseId).stream().map(AuditEntry::action).toList();
            assertEquals(List.of(AuditAction.SEAL, AuditAction.QUEUE, AuditAction.SEND, AuditAction.RECEIPT,
                    AuditAction.SHRED), trail.subList(trail.indexOf(AuditAction.SEAL), trail.size()));
        }
    }

    @Test
    void aRejectedPacketPutsHqsReasonOnTheCaseAndAResealGetsANewPacket() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            String caseId = completeCase(vault);
            UUID first = vault.packets().beginSealing(caseId).packetId();
            vault.packets().queue(first, 100, new byte[32]);
            CaseSummary rejected = vault.packets().rejected(first, "HQ rejected the case: photo background").orElseThrow();
            assertEquals(CaseState.REJECTED, rejected.state());
            assertEquals("HQ rejected the case: photo background", rejected.note());
            assertEquals("HQ rejected the case: photo background", vault.cases().get(caseId).note(), "the officer sees it");
            assertEquals(Optional.empty(), vault.packets().rejected(first, "again"), "a repeated rejection");
            assertThrows(VaultException.IllegalTransition.class, () -> vault.packets().delivered(first, "R-9"),
                    "a receipt after a rejection is not believed");
            assertEquals(CaseState.REJECTED, vault.cases().get(caseId).state());
            vault.cases().moveTo(caseId, CaseState.DRAFT, null);
            vault.cases().moveTo(caseId, CaseState.COMPLETE, null);
            UUID second = vault.packets().beginSealing(caseId).packetId();
            assertFalse(first.equals(second));
            // both were sealed at the test clock's same instant, so their order is the packet ids' (random)
            assertEquals(java.util.Set.of(PacketState.REJECTED, PacketState.SEALING),
                    vault.packets().ofCase(caseId).stream().map(PacketRecord::state).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void aCaseInAPacketIsQueuedSentAndRejectedOnlyThroughItsPacket() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            String caseId = completeCase(vault);
            UUID packet = vault.packets().beginSealing(caseId).packetId();
            assertThrows(VaultException.IllegalTransition.class, () -> vault.cases().moveTo(caseId, CaseState.QUEUED, null));
            vault.packets().queue(packet, 100, new byte[32]);
            assertThrows(VaultException.IllegalTransition.class, () -> vault.cases().moveTo(caseId, CaseState.SENT, null));
            assertThrows(VaultException.IllegalTransition.class,
                    () -> vault.cases().moveTo(caseId, CaseState.REJECTED, "by hand"));
            vault.packets().sent(packet);
            vault.cases().acceptReceipt(caseId, "HQ-R-2");
            assertEquals(PacketState.DELIVERED, vault.packets().get(packet).orElseThrow().state(),
                    "a receipt taken on the case closes its packet too");
        }
    }

    @Test
    void aReceiptForAPacketThatWentByRemovableMediaDeliversItFromQueued() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            String caseId = completeCase(vault);
            UUID packet = vault.packets().beginSealing(caseId).packetId();
            vault.packets().queue(packet, 100, new byte[32]);
            assertEquals(CaseState.SHREDDED, vault.packets().delivered(packet, "HQ-R-USB").orElseThrow().state());
        }
    }

    @Test
    void aLostPacketIsReplacedAndAReceiptForTheLostOneStillDeliversTheCase() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            String caseId = completeCase(vault);
            UUID lost = vault.packets().beginSealing(caseId).packetId();
            vault.packets().queue(lost, 100, new byte[32]);
            vault.packets().sent(lost);
            PacketRecord next = vault.packets().replace(lost, "its file is missing");
            assertEquals(PacketState.SEALING, next.state());
            assertEquals(CaseState.QUEUED, vault.cases().get(caseId).state(), "sent goes back to queued");
            vault.packets().queue(next.packetId(), 120, new byte[32]);
            assertEquals(CaseState.QUEUED, vault.cases().get(caseId).state());
            vault.packets().delivered(lost, "HQ-R-OLD");
            assertEquals(CaseState.SHREDDED, vault.cases().get(caseId).state());
            assertEquals(PacketState.REPLACED, vault.packets().get(next.packetId()).orElseThrow().state());
            assertEquals(List.of(), vault.packets().open());
            assertThrows(VaultException.NoSuchPacket.class, () -> vault.packets().sent(UUID.randomUUID()));
        }
    }

    // ---- the device key ----

    @Test
    void theDeviceKeyIsLentOnlyWhileUnlockedAndEveryLoanIsAudited() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            List<byte[]> lent = new ArrayList<>();
            byte[] publicKey = vault.lendDeviceKey("certificate request", null, pkcs8 -> {
                lent.add(pkcs8);
                return DeviceKey.fromPkcs8(CryptoSuite.INTL, pkcs8).publicKeyInfo();
            });
            assertArrayEquals(vault.devicePublicKey(), publicKey, "the device's own key");
            assertTrue(Arrays.equals(new byte[lent.get(0).length], lent.get(0)), "the buffer is zeroed afterwards");
            AuditEntry last = vault.auditEntries(1, 100).getLast();
            assertEquals(AuditAction.DEVICE_KEY_USED, last.action());
            assertEquals("certificate request", last.detail());
            assertThrows(IllegalArgumentException.class, () -> vault.lendDeviceKey(" ", null, k -> null));
            vault.lock();
            assertThrows(VaultException.Locked.class, () -> vault.lendDeviceKey("seal", null, k -> k));
        }
    }

    @Test
    void aCasesAuditEntriesAreItsSliceOfTheTrail() throws Exception {
        Fixture f = new Fixture(dir);
        try (Vault vault = f.setUp(CryptoSuite.INTL)) {
            String one = completeCase(vault);
            String two = completeCase(vault);
            List<AuditEntry> slice = vault.auditEntriesOf(one);
            assertTrue(slice.stream().allMatch(e -> one.equals(e.caseId())));
            assertEquals(List.of(AuditAction.CASE_CREATED, AuditAction.CASE_EDITED, AuditAction.CASE_COMPLETED),
                    slice.stream().map(AuditEntry::action).toList());
            assertFalse(vault.auditEntriesOf(two).isEmpty());
        }
    }

    // ---- helpers ----

    static SyncEnrolment enrolment(Vault vault, String deviceId, byte[] publicKey) {
        byte[] ca = TestCertificates.forKey(DeviceKey.generate(CryptoSuite.INTL, new java.security.SecureRandom())
                .publicKeyInfo(), "CA");
        return new SyncEnrolment(deviceId, TestCertificates.forKey(publicKey, deviceId), ca, ca, ca, BROKER,
                Instant.parse("2026-11-21T08:00:00Z"));
    }

    private static byte[] order(String name) {
        return ("{\"orderId\":\"WO\",\"applicant\":{\"name\":\"" + name + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static String completeCase(Vault vault) {
        String id = vault.cases().create("case", false, List.of(new NewItem(ItemKind.FORM, "form", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8)))).id();
        vault.cases().moveTo(id, CaseState.COMPLETE, null);
        return id;
    }

    private static void deliver(Vault vault, String caseId) {
        UUID packet = vault.packets().beginSealing(caseId).packetId();
        vault.packets().queue(packet, 10, new byte[32]);
        vault.packets().sent(packet);
        vault.packets().delivered(packet, "HQ-R");
    }

    private static List<byte[]> column(DbProbe probe, String sql) throws Exception {
        List<byte[]> values = new ArrayList<>();
        try (PreparedStatement ps = probe.db.connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getBytes(1));
            }
        }
        assertFalse(values.isEmpty());
        return values;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
