package org.doorstep.sync.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.doorstep.sync.packet.PacketOpener;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.ItemInfo;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.PacketState;
import org.doorstep.vault.crypto.CryptoSuite;
import org.doorstep.vault.crypto.DeviceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Sealing cases into the spool, opened at HQ with a real PacketOpener; and the recovery after crashes. */
class CaseSealingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSealedPacketOpensAtHqToExactlyTheVaultsItemsAndTheCasesSignedTrail() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String caseId = laptop.completeCase("张三 SEALMARKER", true);
            laptop.smallCase("another case, not in the packet");
            PacketRecord packet = laptop.sealing.seal(caseId);

            assertEquals(PacketState.QUEUED, packet.state());
            assertEquals(CaseState.QUEUED, laptop.vault.cases().get(caseId).state());
            Path file = laptop.spool.fileOf(packet.packetId());
            assertEquals(Files.size(file), packet.bytes());
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)), packet.digest(),
                    "the vault holds the digest HQ's receipt will name");
            assertFalse(contains(Files.readAllBytes(file), "SEALMARKER"), "the spool holds ciphertext only");

            PacketOpener.OpenedPacket opened = laptop.hq.open(file, laptop.identity().deviceCertificate());
            assertEquals(packet.packetId(), opened.manifest().packetId());
            assertEquals(Laptop.DEVICE_ID, opened.manifest().deviceId());
            assertEquals(caseId, opened.manifest().caseId());
            Map<String, byte[]> expected = new TreeMap<>();
            for (ItemInfo item : laptop.vault.cases().items(caseId)) {
                expected.put("items/" + item.kind().id() + "/" + item.slot(), laptop.vault.cases().read(caseId, item.slot()));
            }
            assertEquals(12, expected.size());
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                assertArrayEquals(e.getValue(), opened.contents().get(e.getKey()), e.getKey());
            }
            assertEquals(expected.size() + 1, opened.contents().size(), "the items and the audit slice, nothing else");

            JsonNode slice = JSON.readTree(opened.contents().get("audit/trail.json"));
            assertEquals("doorstep-audit-slice/1", slice.get("format").asText());
            assertEquals(caseId, slice.get("caseId").asText());
            List<String> actions = slice.get("entries").findValuesAsText("action");
            assertEquals(List.of("CASE_CREATED", "CASE_EDITED"), actions.subList(0, 2));
            assertTrue(actions.containsAll(List.of("CASE_COMPLETED", "SEAL", "DEVICE_KEY_USED")), actions.toString());
            for (JsonNode entry : slice.get("entries")) {
                assertEquals(caseId, entry.get("caseId").asText());
                byte[] hash = HexFormat.of().parseHex(entry.get("hash").asText());
                assertArrayEquals(recomputedHash(entry), hash, "HQ can recompute each entry's hash from the slice");
                assertTrue(DeviceKey.verify(CryptoSuite.INTL, laptop.vault.devicePublicKey(), hash,
                        Base64.getDecoder().decode(entry.get("signature").asText())), "and check the device's signature");
            }
            assertFalse(new String(opened.contents().get("audit/trail.json"), StandardCharsets.UTF_8)
                    .contains("another case"), "other cases stay out");
        }
    }

    @Test
    void twoSealersOfOneCaseMakeOnePacketAndTheSecondGetsIt() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String caseId = laptop.completeCase("twice", false);
            // the guided case's completion and the sync service's sealing of waiting cases, each its own CaseSealing
            CaseSealing other = new CaseSealing(laptop.vault, laptop.spool, laptop.fixture.clock, laptop.random);
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var a = two.submit(() -> laptop.sealing.seal(caseId));
                var b = two.submit(() -> other.seal(caseId));
                assertEquals(a.get().packetId(), b.get().packetId());
            } finally {
                two.shutdownNow();
            }
            assertEquals(1, laptop.vault.packets().ofCase(caseId).size(), "one packet");
            try (var files = java.nio.file.Files.list(laptop.fixture.dataDir.resolve("outbox"))) {
                assertEquals(1, files.filter(f -> f.toString().endsWith(".dspk")).count(), "one file");
            }
        }
    }

    @Test
    void recoveryWhileCasesAreBeingSealedLeavesTheirPacketsToTheSealer() throws Exception {
        // the sync client recovers at every start and reconnect while the guided case or the sync service may be
        // sealing: a packet being sealed is "sealing" in the vault, like one a crash left, until it is queued
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            List<String> cases = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                cases.add(laptop.completeCase("busy-" + i, false));
            }
            CaseSealing recovering = new CaseSealing(laptop.vault, laptop.spool, laptop.fixture.clock, laptop.random);
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            java.util.concurrent.atomic.AtomicBoolean sealing = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            try {
                var sealer = two.submit(() -> {
                    try {
                        started.await(); // sealing starts while recovery is already going round
                        for (String c : cases) {
                            laptop.sealing.seal(c);
                        }
                    } finally {
                        sealing.set(false);
                    }
                    return null;
                });
                var recoverer = two.submit(() -> {
                    int whileSealing = 0;
                    while (sealing.get()) {
                        started.countDown();
                        CaseSealing.Recovery r = recovering.recover();
                        assertTrue(r.resealed().isEmpty() && r.queued().isEmpty() && r.replaced().isEmpty(),
                                "recovery touched a packet being sealed: " + r);
                        whileSealing++;
                    }
                    return whileSealing;
                });
                sealer.get();
                assertTrue(recoverer.get() > 1, "recovery went round while the cases were sealed");
            } finally {
                two.shutdownNow();
            }
            for (String c : cases) {
                List<PacketRecord> packets = laptop.vault.packets().ofCase(c);
                assertEquals(1, packets.size(), "one packet for " + c);
                assertEquals(PacketState.QUEUED, packets.get(0).state());
                assertEquals(packets.get(0).bytes(), java.nio.file.Files.size(laptop.spool.fileOf(packets.get(0).packetId())),
                        "the file is the one the vault recorded");
            }
        }
    }

    @Test
    void aCaseWhosePacketWouldNotFitTheOutboxIsRefusedBeforeAnythingChanges() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String first = laptop.completeCase("first", false);
            long firstBound = laptop.sealing.sizeBound(first);
            PacketRecord sealed = laptop.sealing.seal(first);
            assertTrue(firstBound >= sealed.bytes() && firstBound - sealed.bytes() <= 16 * 1024,
                    "the bound " + firstBound + " holds the real size " + sealed.bytes() + " closely");

            // room for ten packets, but not for the bytes of a second typical case: the real size decides
            CaseSealing tight = new CaseSealing(laptop.vault, laptop.spool, laptop.fixture.clock, laptop.random,
                    new org.doorstep.sync.outbox.OutboxCapacity(10, sealed.bytes() + sealed.bytes() / 2));
            String second = laptop.completeCase("second", false);
            Map<String, byte[]> before = new TreeMap<>();
            for (ItemInfo item : laptop.vault.cases().items(second)) {
                before.put(item.slot(), laptop.vault.cases().read(second, item.slot()));
            }
            int auditBefore = laptop.vault.auditEntriesOf(second).size();
            SyncRefusedException full = assertThrows(SyncRefusedException.class, () -> tight.seal(second));
            assertTrue(full.outboxFull().isPresent());
            assertTrue(full.getMessage().startsWith("the outbox is full: 1 packets, " + sealed.bytes() + " bytes wait for"
                    + " HQ (at most 10 packets") && full.getMessage().contains("this case's packet needs up to"),
                    full.getMessage());
            assertThrows(SyncRefusedException.class, () -> tight.requireRoomFor(second), "the check alone says the same");

            assertEquals(CaseState.COMPLETE, laptop.vault.cases().get(second).state(), "the case stays complete");
            assertEquals(List.of(), laptop.vault.packets().ofCase(second), "no packet was opened for it");
            assertEquals(auditBefore, laptop.vault.auditEntriesOf(second).size(), "nothing happened to it");
            for (Map.Entry<String, byte[]> e : before.entrySet()) {
                assertArrayEquals(e.getValue(), laptop.vault.cases().read(second, e.getKey()), "intact: " + e.getKey());
            }
            assertEquals(Set.of(sealed.packetId()), laptop.spool.files().keySet(), "no file for it in the spool");

            // a count of packets is a limit too; and a sealing that fits goes ahead
            CaseSealing one = new CaseSealing(laptop.vault, laptop.spool, laptop.fixture.clock, laptop.random,
                    new org.doorstep.sync.outbox.OutboxCapacity(1, Long.MAX_VALUE));
            assertTrue(assertThrows(SyncRefusedException.class, () -> one.seal(second)).outboxFull().isPresent());
            CaseSealing roomy = new CaseSealing(laptop.vault, laptop.spool, laptop.fixture.clock, laptop.random,
                    new org.doorstep.sync.outbox.OutboxCapacity(2, 3 * sealed.bytes()));
            assertEquals(CaseState.QUEUED, laptop.vault.cases().get(roomy.seal(second).caseId()).state());
        }
    }

    @Test
    void aDamagedItemFailsTheSealBeforeAnythingChangesAndNeverYieldsAPacket() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String caseId = laptop.completeCase("损坏", false);
            String slot = laptop.vault.cases().items(caseId).get(0).slot();
            laptop.vault.close();
            org.doorstep.vault.ItemTampering.flipBit(dir, caseId, slot, 5); // in the GCM tag
            laptop.vault = laptop.fixture.reopenUnlocked();
            laptop.sealing = new CaseSealing(laptop.vault, laptop.spool, laptop.fixture.clock, laptop.random);

            org.doorstep.vault.crypto.Aead.RecordDamagedException e = assertThrows(
                    org.doorstep.vault.crypto.Aead.RecordDamagedException.class, () -> laptop.sealing.seal(caseId));
            assertTrue(e.getMessage().contains("item '" + slot + "'") && e.getMessage().contains("is damaged"),
                    e.getMessage());
            assertEquals(CaseState.COMPLETE, laptop.vault.cases().get(caseId).state(), "nothing changed");
            assertEquals(List.of(), laptop.vault.packets().ofCase(caseId));
            assertEquals(Map.of(), laptop.spool.files(), "no packet in the spool");
            assertEquals(List.of(), laptop.spool.temporaryFiles(), "nor half of one");
        }
    }

    @Test
    void nothingIsSealedWhenTheLaptopIsNotEnrolledOrRevoked() throws Exception {
        try (Laptop laptop = Laptop.notEnrolled(dir.resolve("new"), CryptoSuite.INTL)) {
            String caseId = laptop.smallCase("x");
            SyncRefusedException e = assertThrows(SyncRefusedException.class, () -> laptop.sealing.seal(caseId));
            assertTrue(e.getMessage().contains("not enrolled"), e.getMessage());
            assertEquals(CaseState.COMPLETE, laptop.vault.cases().get(caseId).state(), "the case stays complete");
        }
        try (Laptop laptop = Laptop.enrolled(dir.resolve("revoked"), CryptoSuite.INTL)) {
            String caseId = laptop.smallCase("x");
            laptop.vault.hqInbox().acceptRevocation(1, "reported lost");
            SyncRefusedException e = assertThrows(SyncRefusedException.class, () -> laptop.sealing.seal(caseId));
            assertTrue(e.getMessage().contains("revoked") && e.getMessage().contains("reported lost"), e.getMessage());
            assertEquals(CaseState.COMPLETE, laptop.vault.cases().get(caseId).state());
            assertEquals(List.of(), laptop.vault.packets().open());
        }
    }

    @Test
    void aGmLaptopSealsWithSm2AndSm4AndHqOpensIt() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir.resolve("gm"), CryptoSuite.GM)) {
            String caseId = laptop.smallCase("国密");
            var packet = laptop.sealing.seal(caseId);
            assertEquals(CaseState.QUEUED, laptop.vault.cases().get(caseId).state());
            PacketOpener.OpenedPacket opened = laptop.hq.open(laptop.spool.fileOf(packet.packetId()),
                    laptop.identity().deviceCertificate());
            assertEquals(org.doorstep.sync.packet.PacketSuite.GM, opened.manifest().suite());
            assertEquals(caseId, opened.manifest().caseId());
        }
    }

    @Test
    void onlyACompleteCaseIsSealedAndOnlyOnce() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String draft = laptop.vault.cases().create("draft", false, org.doorstep.vault.Fixture.typicalCase("d")).id();
            assertThrows(org.doorstep.vault.VaultException.IllegalTransition.class, () -> laptop.sealing.seal(draft));
            String caseId = laptop.smallCase("x");
            PacketRecord first = laptop.sealing.seal(caseId);
            assertEquals(first.packetId(), laptop.sealing.seal(caseId).packetId(),
                    "a queued case is not sealed twice: sealing it again gives its packet");
            assertEquals(1, laptop.vault.packets().ofCase(caseId).size());
        }
    }

    @Test
    void aCrashWhileTheFileWasBeingWrittenIsSealedAgainUnderTheSamePacketAtTheNextStart() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String caseId = laptop.completeCase("李四", false);
            // the crash: the packet is recorded and the case sealed, the file only half written
            UUID packetId = laptop.vault.packets().beginSealing(caseId).packetId();
            Files.createDirectories(laptop.spool.folder());
            Path temp = laptop.spool.folder().resolve(packetId + ".dspk.tmp");
            Files.write(temp, new byte[] {0x30, (byte) 0x80, 0x06, 0x09});
            laptop.restart();
            assertEquals(CaseState.SEALED, laptop.vault.cases().get(caseId).state());

            CaseSealing.Recovery recovery = laptop.sealing.recover();
            assertEquals(List.of(packetId), recovery.resealed());
            assertTrue(recovery.deleted().contains(temp));
            assertFalse(Files.exists(temp));
            PacketRecord packet = laptop.vault.packets().get(packetId).orElseThrow();
            assertEquals(PacketState.QUEUED, packet.state());
            assertEquals(CaseState.QUEUED, laptop.vault.cases().get(caseId).state());
            assertEquals(caseId, laptop.hq.open(laptop.spool.fileOf(packetId), laptop.identity().deviceCertificate())
                    .manifest().caseId());
            assertTrue(laptop.sealing.recover().nothingToDo(), "a second start finds nothing to do");
        }
    }

    @Test
    void aCrashAfterTheFileWasCompleteQueuesThatFileAtTheNextStart() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String caseId = laptop.completeCase("王五", false);
            // the crash: the file is complete and renamed, the vault has not yet queued the packet
            PacketRecord sealing = laptop.vault.packets().beginSealing(caseId);
            PacketSpoolFolder.Written written = laptop.sealing.writeFile(laptop.identity(), sealing);
            laptop.restart();

            CaseSealing.Recovery recovery = laptop.sealing.recover();
            assertEquals(List.of(sealing.packetId()), recovery.queued());
            PacketRecord packet = laptop.vault.packets().get(sealing.packetId()).orElseThrow();
            assertEquals(PacketState.QUEUED, packet.state());
            assertEquals(written.bytes(), packet.bytes());
            assertArrayEquals(written.sha256(), packet.digest(), "the file itself was queued, not sealed anew");
            assertEquals(CaseState.QUEUED, laptop.vault.cases().get(caseId).state());
        }
    }

    @Test
    void aPacketWhoseFileWasLostIsSealedAgainIntoANewPacket() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String caseId = laptop.smallCase("lost");
            PacketRecord first = laptop.sealing.seal(caseId);
            laptop.vault.packets().sent(first.packetId());
            Files.delete(laptop.spool.fileOf(first.packetId()));

            CaseSealing.Recovery recovery = laptop.sealing.recover();
            UUID next = recovery.replaced().get(first.packetId());
            assertNotEquals(null, next);
            assertEquals(PacketState.REPLACED, laptop.vault.packets().get(first.packetId()).orElseThrow().state());
            assertEquals(PacketState.QUEUED, laptop.vault.packets().get(next).orElseThrow().state());
            assertEquals(CaseState.QUEUED, laptop.vault.cases().get(caseId).state(), "to be sent again");
            assertEquals(next, laptop.hq.open(laptop.spool.fileOf(next), laptop.identity().deviceCertificate())
                    .manifest().packetId());
        }
    }

    @Test
    void theSpoolNeverKeepsAFileForAPacketTheVaultDoesNotWaitFor() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            UUID kept = laptop.sealing.seal(laptop.smallCase("kept")).packetId();
            Path stranger = laptop.spool.fileOf(UUID.randomUUID());
            Path leftover = laptop.spool.folder().resolve(UUID.randomUUID() + ".dspk.tmp");
            Path notOurs = laptop.spool.folder().resolve("README.txt");
            Files.writeString(stranger, "a packet nobody knows");
            Files.writeString(leftover, "half");
            Files.writeString(notOurs, "left alone");
            CaseSealing.Recovery recovery = laptop.sealing.recover();
            assertEquals(Set.of(stranger, leftover), Set.copyOf(recovery.deleted()));
            assertTrue(Files.exists(laptop.spool.fileOf(kept)));
            assertTrue(Files.exists(notOurs), "files that are not packets are not ours to delete");
        }
    }

    @Test
    void aCaseSealedByTheCommandLineWithoutAPacketIsSealedAtTheNextStart() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String caseId = laptop.smallCase("cli");
            laptop.vault.cases().moveTo(caseId, CaseState.SEALED, null);
            assertEquals(List.of(), laptop.vault.packets().ofCase(caseId));
            CaseSealing.Recovery recovery = laptop.sealing.recover();
            assertEquals(1, recovery.resealed().size());
            assertEquals(CaseState.QUEUED, laptop.vault.cases().get(caseId).state());
        }
    }

    @Test
    void whileRevokedRecoveryCleansUpButSealsNothingAndSaysWhy() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir, CryptoSuite.INTL)) {
            String caseId = laptop.smallCase("held");
            laptop.vault.packets().beginSealing(caseId);
            laptop.vault.hqInbox().acceptRevocation(1, "revoked for the test");
            CaseSealing.Recovery recovery = laptop.sealing.recover();
            assertEquals(1, recovery.notDone().size());
            assertTrue(recovery.notDone().get(0).contains("revoked for the test"), recovery.notDone().toString());
            assertEquals(CaseState.SEALED, laptop.vault.cases().get(caseId).state());
        }
    }

    /** The vault's documented audit hash: H("doorstep/v1/audit" | previous | seq | time | 4 length-prefixed texts). */
    private static byte[] recomputedHash(JsonNode e) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write("doorstep/v1/audit".getBytes(StandardCharsets.US_ASCII));
            out.write(HexFormat.of().parseHex(e.get("previousHash").asText()));
            out.writeLong(e.get("seq").asLong());
            out.writeLong(Instant.parse(e.get("at").asText()).toEpochMilli());
            for (String field : new String[] {"officer", "action", "caseId", "detail"}) {
                JsonNode value = e.get(field);
                if (value == null || value.isNull()) {
                    out.writeInt(-1);
                } else {
                    byte[] utf8 = value.asText().getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
            }
        }
        return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
    }

    static boolean contains(byte[] haystack, String text) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(new String(text.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1));
    }
}
