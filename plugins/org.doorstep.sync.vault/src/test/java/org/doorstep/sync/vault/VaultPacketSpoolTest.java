package org.doorstep.sync.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.doorstep.sync.client.PacketSpool.SpooledPacket;
import org.doorstep.sync.protocol.HqMessage;
import org.doorstep.sync.protocol.RejectReason;
import org.doorstep.vault.AuditAction;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.PacketState;
import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync client's spool over a real vault: pending packets, HQ's receipts and rejections, idempotence. */
class VaultPacketSpoolTest {

    @TempDir
    Path dir;

    @Test
    void pendingListsQueuedAndSentPacketsWithTheirFilesUrgentFirst() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            PacketRecord older = laptop.sealing.seal(laptop.smallCase("older"));
            laptop.fixture.clock.advance(java.time.Duration.ofMinutes(5));
            PacketRecord urgent = laptop.sealing.seal(laptop.completeCase("urgent", true));
            VaultPacketSpool spool = laptop.packetSpool();
            spool.sent(older.packetId());

            List<SpooledPacket> pending = spool.pending();
            assertEquals(List.of(urgent.packetId(), older.packetId()),
                    pending.stream().map(p -> p.entry().packetId()).toList(), "urgent first, then oldest");
            SpooledPacket first = pending.get(0);
            assertTrue(first.entry().urgent());
            assertFalse(first.entry().sent());
            assertEquals(urgent.bytes(), first.entry().bytes());
            assertEquals(laptop.spool.fileOf(urgent.packetId()), first.file());
            assertTrue(pending.get(1).entry().sent());
            assertEquals(CaseState.SENT, laptop.vault.cases().get(older.caseId()).state());
            spool.sent(older.packetId()); // the client may say it twice
            assertEquals(CaseState.SENT, laptop.vault.cases().get(older.caseId()).state());
        }
    }

    @Test
    void hqsReceiptShredsTheCaseThenDeletesTheFileAndASecondReceiptIsHarmless() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String caseId = laptop.completeCase("赵六", false);
            PacketRecord packet = laptop.sealing.seal(caseId);
            VaultPacketSpool spool = laptop.packetSpool();
            spool.sent(packet.packetId());
            HqMessage.Receipt receipt = receipt(packet, caseId, packet.digest());

            spool.delivered(packet.packetId(), receipt);
            assertEquals(CaseState.SHREDDED, laptop.vault.cases().get(caseId).state());
            assertFalse(Files.exists(laptop.spool.fileOf(packet.packetId())));
            assertEquals(PacketState.DELIVERED, laptop.vault.packets().get(packet.packetId()).orElseThrow().state());
            assertTrue(laptop.vault.auditEntriesOf(caseId).stream().anyMatch(e -> e.action() == AuditAction.RECEIPT
                    && e.detail().contains("HQ-R-42")));

            spool.delivered(packet.packetId(), receipt);
            assertEquals(List.of(), spool.pending());
            assertTrue(laptop.vault.verifyAudit().intact());
        }
    }

    @Test
    void aReceiptForAnUnknownPacketChangesNothing() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String caseId = laptop.smallCase("x");
            PacketRecord packet = laptop.sealing.seal(caseId);
            UUID unknown = UUID.randomUUID();
            long trail = laptop.vault.auditEntries(1, 10_000).size();
            laptop.packetSpool().delivered(unknown, new HqMessage.Receipt(Laptop.DEVICE_ID, unknown, Instant.now(),
                    caseId, packet.digest(), Instant.now(), "HQ-R-1"));
            laptop.packetSpool().rejected(unknown, new HqMessage.Rejection(Laptop.DEVICE_ID, unknown, Instant.now(),
                    RejectReason.MALFORMED, ""));
            assertEquals(CaseState.QUEUED, laptop.vault.cases().get(caseId).state());
            assertTrue(Files.exists(laptop.spool.fileOf(packet.packetId())));
            assertEquals(trail, laptop.vault.auditEntries(1, 10_000).size(), "not even the trail changed");
        }
    }

    @Test
    void aReceiptThatDoesNotMatchTheSealedPacketIsRefusedAndChangesNothing() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String caseId = laptop.smallCase("x");
            PacketRecord packet = laptop.sealing.seal(caseId);
            VaultPacketSpool spool = laptop.packetSpool();
            spool.sent(packet.packetId());
            byte[] otherDigest = packet.digest();
            otherDigest[0] ^= 1;
            List<HqMessage.Receipt> wrong = List.of(
                    receipt(packet, caseId, otherDigest),
                    receipt(packet, UUID.randomUUID().toString(), packet.digest()),
                    new HqMessage.Receipt("dev-someone-else", packet.packetId(), Instant.now(), caseId, packet.digest(),
                            Instant.now(), "HQ-R-9"),
                    new HqMessage.Receipt(Laptop.DEVICE_ID, UUID.randomUUID(), Instant.now(), caseId, packet.digest(),
                            Instant.now(), "HQ-R-9"));
            for (HqMessage.Receipt r : wrong) {
                IOException e = assertThrows(IOException.class, () -> spool.delivered(packet.packetId(), r));
                assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
            }
            assertEquals(CaseState.SENT, laptop.vault.cases().get(caseId).state());
            assertTrue(Files.exists(laptop.spool.fileOf(packet.packetId())));
            assertEquals(1, spool.pending().size());
        }
    }

    @Test
    void hqsRejectionIsShownOnTheCaseAndTheFileIsDeleted() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String caseId = laptop.smallCase("x");
            PacketRecord packet = laptop.sealing.seal(caseId);
            VaultPacketSpool spool = laptop.packetSpool();
            HqMessage.Rejection rejection = new HqMessage.Rejection(Laptop.DEVICE_ID, packet.packetId(), Instant.now(),
                    RejectReason.REPLAYED, "case already stored from packet 1d2c…");
            spool.rejected(packet.packetId(), rejection);
            String note = laptop.vault.cases().get(caseId).note();
            assertEquals(CaseState.REJECTED, laptop.vault.cases().get(caseId).state());
            assertTrue(note.startsWith("HQ rejected the case (replayed): HQ already holds this case or this packet."), note);
            assertTrue(note.contains("HQ says: case already stored from packet 1d2c…"), note);
            assertFalse(Files.exists(laptop.spool.fileOf(packet.packetId())));
            assertEquals(note, laptop.vault.packets().get(packet.packetId()).orElseThrow().rejection());
            spool.rejected(packet.packetId(), rejection); // again: harmless
            assertThrows(IOException.class, () -> spool.delivered(packet.packetId(), receipt(packet, caseId,
                    packet.digest())), "a receipt after a rejection is not believed");
            assertEquals(CaseState.REJECTED, laptop.vault.cases().get(caseId).state());
            // the officer reopens, completes and seals the case again: a new packet
            laptop.vault.cases().moveTo(caseId, CaseState.DRAFT, null);
            laptop.vault.cases().moveTo(caseId, CaseState.COMPLETE, null);
            assertFalse(laptop.sealing.seal(caseId).packetId().equals(packet.packetId()));
        }
    }

    @Test
    void aRevokedLaptopSendsNothing() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            laptop.sealing.seal(laptop.smallCase("x"));
            laptop.vault.hqInbox().acceptRevocation(1, "certificate revoked at HQ");
            SyncRefusedException e = assertThrows(SyncRefusedException.class, () -> laptop.packetSpool().pending());
            assertTrue(e.getMessage().contains("revoked"), e.getMessage());
        }
    }

    @Test
    void whileTheVaultIsLockedTheSpoolSaysSoAsAnIoError() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            PacketRecord packet = laptop.sealing.seal(laptop.smallCase("x"));
            VaultPacketSpool spool = laptop.packetSpool();
            laptop.vault.lock();
            IOException e = assertThrows(IOException.class, () -> spool.sent(packet.packetId()));
            assertTrue(e.getMessage().contains("locked"), e.getMessage());
            assertThrows(IOException.class, spool::pending);
        }
    }

    @Test
    void aFileLeftByACrashAfterTheReceiptIsDeletedAtTheNextStart() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            PacketRecord packet = laptop.sealing.seal(laptop.smallCase("x"));
            laptop.vault.packets().sent(packet.packetId());
            laptop.vault.packets().delivered(packet.packetId(), "HQ-R-7"); // committed; then the crash, file still there
            assertTrue(Files.exists(laptop.spool.fileOf(packet.packetId())));
            laptop.restart();
            assertEquals(List.of(), laptop.packetSpool().pending());
            assertFalse(Files.exists(laptop.spool.fileOf(packet.packetId())));
        }
    }

    private static HqMessage.Receipt receipt(PacketRecord packet, String caseId, byte[] digest) {
        return new HqMessage.Receipt(Laptop.DEVICE_ID, packet.packetId(), Instant.parse("2026-11-21T09:00:00Z"), caseId,
                digest, Instant.parse("2026-11-21T08:59:00Z"), "HQ-R-42");
    }
}
