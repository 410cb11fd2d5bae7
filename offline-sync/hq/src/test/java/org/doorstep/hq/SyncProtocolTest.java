package org.doorstep.hq;

import static org.doorstep.hq.TestHq.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.doorstep.hq.LoopbackBus.Message;
import org.doorstep.hq.ingest.IngestWorker;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.chunk.Chunk;
import org.doorstep.sync.client.PacketSpool.SpooledPacket;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.outbox.OutboxEntry;
import org.doorstep.sync.outbox.OutboxFullException;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.pki.RevocationReason;
import org.doorstep.sync.protocol.HqMessage;
import org.doorstep.sync.protocol.HqMessages;
import org.doorstep.sync.protocol.RejectReason;
import org.doorstep.sync.protocol.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync protocol between the laptop's engine and HQ ingest, with HQ's real store (Derby on disk), real
 * packets and signatures, and an in-process bus that injects the faults a real network produces in a way a test
 * can repeat: duplicates, reordering, corrupted chunks, a cut mid-packet, a worker that dies between store and
 * receipt, replays. After each: every case is delivered exactly once or rejected with its reason, and nothing is
 * "shredded" (removed from the spool) without HQ's valid receipt.
 */
class SyncProtocolTest {

    private static final int SMALL_CHUNK = 8 * 1024;

    @TempDir
    Path dir;
    private TestHq hq;
    private LoopbackBus bus;
    private MemorySpool spool;
    private SyncClient client;
    private TestHq.Device device;
    private final List<TestHq.Sealed> sealed = new ArrayList<>();
    private final List<IngestWorker> workers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        hq = new TestHq(dir);
        bus = new LoopbackBus();
        workers.add(hq.worker("w1", bus.replies()));
        workers.add(hq.worker("w2", bus.replies()));
        workers.forEach(bus::addWorker);
        device = hq.enrol("laptop-0001");
        spool = new MemorySpool();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        bus.close();
        hq.close();
    }

    private SyncClient startClient(int maxPackets, Duration answerTimeout) throws Exception {
        SyncClient.Options options = new SyncClient.Options(maxPackets, 1L << 30, SMALL_CHUNK, answerTimeout,
                Duration.ofHours(1), "test", dir);
        client = new SyncClient(device.id(), hq.suite, hq.identity.signingCertificate().getPublicKey(), spool, bus,
                options, () -> 1, Clock.systemUTC());
        client.start();
        bus.attach(client);
        return client;
    }

    private TestHq.Sealed sealCase(String caseId, boolean urgent, int bytes) throws Exception {
        TestHq.Sealed s = hq.seal(device, caseId, TestHq.randomContents(3, bytes / 3));
        sealed.add(s);
        spool.add(new SpooledPacket(new OutboxEntry(s.packetId(), caseId, urgent, Instant.now(), s.bytes(), false),
                s.file()));
        return s;
    }


    private void assertDeliveredExactlyOnce() throws Exception {
        hq.assertDeliveredExactlyOnce(spool, sealed);
    }

    @Test
    void casesArriveExactlyOnceAndOnlyAReceiptShredsThem() throws Exception {
        for (int i = 0; i < 5; i++) {
            sealCase("case-" + i, false, 40_000);
        }
        startClient(100, Duration.ofSeconds(2));
        await("all delivered", () -> spool.settled(5));
        assertDeliveredExactlyOnce();
        assertEquals(5, client.progress().deliveredCases());
        assertEquals(0, client.progress().pendingCases());
        assertEquals(sealed.size(), spool.sent.size(), "each packet handed over in full once");
    }

    @Test
    void twoWorkersShareOneStoreThroughTheDerbyNetworkServer() throws Exception {
        client = null;
        bus.close();
        hq.close();
        hq = new TestHq(dir.resolve("network"), true, PkiSuite.INTL);
        bus = new LoopbackBus();
        workers.clear();
        workers.add(hq.worker("net-1", bus.replies()));
        workers.add(hq.worker("net-2", bus.replies()));
        workers.forEach(bus::addWorker);
        device = hq.enrol("laptop-0002");
        for (int i = 0; i < 6; i++) {
            sealCase("case-" + i, i == 3, 30_000);
        }
        startClient(100, Duration.ofSeconds(2));
        await("all delivered", () -> spool.settled(6));
        assertDeliveredExactlyOnce();
        assertTrue(workers.stream().allMatch(w -> w.stats().chunks() > 0), "both workers took chunks");
    }

    @Test
    void theNationalSuiteTravelsTheSameWay() throws Exception {
        client = null;
        bus.close();
        hq.close();
        hq = new TestHq(dir.resolve("gm"), false, PkiSuite.GM);
        bus = new LoopbackBus();
        bus.addWorker(hq.worker("gm-1", bus.replies()));
        device = hq.enrol("laptop-gm");
        for (int i = 0; i < 3; i++) {
            sealCase("case-" + i, false, 30_000);
        }
        startClient(100, Duration.ofSeconds(2));
        await("all delivered", () -> spool.settled(3));
        assertDeliveredExactlyOnce();
    }

    @Test
    void urgentCasesGoFirstThenOldest() throws Exception {
        AtomicInteger order = new AtomicInteger();
        List<String> firstChunkOf = Collections.synchronizedList(new ArrayList<>());
        bus.fault(m -> {
            if (m.topic().endsWith(Topics.CHUNK)) {
                try {
                    Chunk c = Chunk.decode(m.payload());
                    if (c.index() == 0) {
                        firstChunkOf.add(c.packetId().toString());
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            order.incrementAndGet();
            return List.of(m);
        });
        TestHq.Sealed old = sealCase("old", false, 20_000);
        Thread.sleep(5);
        TestHq.Sealed newer = sealCase("newer", false, 20_000);
        Thread.sleep(5);
        TestHq.Sealed urgent = sealCase("urgent", true, 20_000);
        startClient(100, Duration.ofSeconds(2));
        await("all delivered", () -> spool.settled(3));
        assertEquals(List.of(urgent.packetId().toString(), old.packetId().toString(), newer.packetId().toString()),
                firstChunkOf);
    }

    @Test
    void duplicatedAndReorderedChunksAreStoredOnce() throws Exception {
        Random random = new Random(7);
        List<Message> held = new ArrayList<>();
        bus.fault(m -> {
            if (!m.topic().endsWith(Topics.CHUNK)) {
                return List.of(m);
            }
            synchronized (held) {
                held.add(m);
                held.add(m); // every chunk twice
                if (held.size() < 6 && random.nextInt(4) != 0) {
                    return List.of();
                }
                List<Message> out = new ArrayList<>(held);
                Collections.shuffle(out, random);
                held.clear();
                return out;
            }
        });
        for (int i = 0; i < 4; i++) {
            sealCase("case-" + i, false, 50_000);
        }
        startClient(100, Duration.ofMillis(500));
        await("all delivered", () -> spool.settled(4));
        assertDeliveredExactlyOnce();
        long duplicates = workers.stream().mapToLong(w -> w.stats().duplicateChunks()).sum();
        assertTrue(duplicates > 0, "HQ saw the duplicates and kept one of each");
    }

    @Test
    void corruptedChunksAreNeverStoredAndAreSentAgain() throws Exception {
        Random random = new Random(11);
        AtomicInteger corrupted = new AtomicInteger();
        bus.fault(m -> {
            if (m.topic().endsWith(Topics.CHUNK) && random.nextInt(5) == 0) {
                byte[] bad = m.payload().clone();
                int at = Chunk.HEADER_BYTES + random.nextInt(bad.length - Chunk.HEADER_BYTES);
                bad[at] ^= 0x40;
                corrupted.incrementAndGet();
                return List.of(new Message(m.topic(), bad));
            }
            return List.of(m);
        });
        for (int i = 0; i < 4; i++) {
            sealCase("case-" + i, false, 60_000);
        }
        startClient(100, Duration.ofMillis(300));
        await("all delivered", () -> spool.settled(4));
        assertTrue(corrupted.get() > 0, "the test corrupted some chunks");
        assertDeliveredExactlyOnce();
        assertTrue(client.stats().chunksResent() >= 1, "corrupted chunks were sent again");
        try (HqStore store = hq.store("check")) {
            assertTrue(store.rejects().stream().allMatch(r -> r.packetId() == null
                    && r.reason() == RejectReason.TAMPERED), "corrupt chunks are recorded, not held against the packet");
        }
    }

    @Test
    void aCutMidPacketResendsOnlyWhatHqLacks() throws Exception {
        TestHq.Sealed big = sealCase("big", false, 200_000);
        int count = (int) ((big.bytes() + SMALL_CHUNK - 1) / SMALL_CHUNK);
        AtomicInteger chunksThrough = new AtomicInteger();
        AtomicBoolean cut = new AtomicBoolean();
        bus.fault(m -> {
            if (m.topic().endsWith(Topics.CHUNK) && chunksThrough.incrementAndGet() == count / 2 && cut.compareAndSet(false, true)) {
                bus.cut();
                return List.of(m); // this chunk made it, but the link went before the laptop heard so
            }
            return List.of(m);
        });
        startClient(100, Duration.ofSeconds(5));
        await("the link was cut", cut::get);
        Thread.sleep(300);
        assertTrue(spool.delivered.isEmpty(), "nothing delivered while cut");
        bus.restore();
        await("delivered", () -> spool.settled(1));
        assertDeliveredExactlyOnce();
        assertEquals(0, client.stats().bytesResent(), "no chunk HQ already had was sent again");
        assertTrue(client.stats().resumeQueries() >= 1);
    }

    @Test
    void aQuestionLostAfterACutMidPacketIsAskedAgain() throws Exception {
        TestHq.Sealed big = sealCase("big", false, 120_000);
        int count = (int) ((big.bytes() + SMALL_CHUNK - 1) / SMALL_CHUNK);
        AtomicInteger chunksThrough = new AtomicInteger();
        AtomicInteger questionsDropped = new AtomicInteger();
        bus.fault(m -> {
            if (m.topic().endsWith(Topics.CHUNK) && chunksThrough.incrementAndGet() == count / 2) {
                bus.cut();
            }
            if (m.topic().endsWith(Topics.RESUME) && questionsDropped.getAndIncrement() == 0) {
                return List.of(); // the first question after the cut never reaches HQ
            }
            return List.of(m);
        });
        startClient(100, Duration.ofMillis(400));
        await("the link was cut", () -> chunksThrough.get() >= count / 2);
        bus.restore();
        await("delivered", () -> spool.settled(1));
        assertDeliveredExactlyOnce();
        assertTrue(client.stats().resumeQueries() >= 2, "asked again after silence");
    }

    @Test
    void aStrayAnswerToAQuestionAfterACutDoesNotStallThePacket() throws Exception {
        TestHq.Sealed big = sealCase("big", false, 120_000);
        int count = (int) ((big.bytes() + SMALL_CHUNK - 1) / SMALL_CHUNK);
        AtomicInteger chunksThrough = new AtomicInteger();
        AtomicInteger questions = new AtomicInteger();
        bus.fault(m -> {
            if (m.topic().endsWith(Topics.CHUNK) && chunksThrough.incrementAndGet() == count / 2) {
                bus.cut();
            }
            if (m.topic().endsWith(Topics.RESUME) && questions.getAndIncrement() == 0) {
                // the question is lost, and what comes back instead is an HQ-signed answer the laptop cannot use
                // (a receipt naming other contents): the laptop has heard from HQ but learnt nothing it can send
                HqMessage.Receipt stray = new HqMessage.Receipt(device.id(), big.packetId(), Instant.now(),
                        big.caseId(), new byte[32], Instant.now(), "R-stray");
                try {
                    client.messageArrived(Topics.of(device.id(), Topics.ACK),
                            HqMessages.sign(stray, hq.identity.signingKey(), PkiSuite.INTL));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return List.of();
            }
            return List.of(m);
        });
        startClient(100, Duration.ofMillis(400));
        await("the link was cut", () -> chunksThrough.get() >= count / 2);
        bus.restore();
        await("delivered", () -> spool.settled(1));
        assertDeliveredExactlyOnce();
        assertTrue(client.stats().resumeQueries() >= 2, "asked again after an answer that settled nothing");
        assertEquals(1, client.stats().refusedMessages(), "the stray receipt was refused");
    }

    @Test
    void hqKilledBetweenStoreAndReceiptStoresOnceAndReceiptsLater() throws Exception {
        AtomicBoolean crashed = new AtomicBoolean();
        IngestWorker fragile = hq.worker("fragile", bus.replies());
        fragile.afterStore(p -> {
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("killed");
            }
        });
        bus.replaceWorker(0, fragile);
        bus.replaceWorker(1, fragile);
        sealCase("case-a", false, 30_000);
        sealCase("case-b", false, 30_000);
        startClient(100, Duration.ofMillis(500));
        await("a worker died after storing", crashed::get);
        IngestWorker fresh = hq.worker("fresh", bus.replies());
        bus.replaceWorker(0, fresh);
        bus.replaceWorker(1, fresh);
        await("all delivered", () -> spool.settled(2));
        assertDeliveredExactlyOnce();
    }

    @Test
    void aForgedOrMismatchedReceiptShredsNothing() throws Exception {
        TestHq.Sealed s = sealCase("case-x", false, 10_000);
        bus.cut(); // keep HQ out of it
        startClient(100, Duration.ofHours(1));
        var stranger = PkiSuite.INTL.generateKeyPair(TestHq.RANDOM);
        HqMessage.Receipt receipt = new HqMessage.Receipt(device.id(), s.packetId(), Instant.now(), s.caseId(),
                s.digest(), Instant.now(), "R-forged");
        client.messageArrived(Topics.of(device.id(), Topics.ACK), HqMessages.sign(receipt, stranger.getPrivate(),
                PkiSuite.INTL));
        HqMessage.Receipt wrongDigest = new HqMessage.Receipt(device.id(), s.packetId(), Instant.now(), s.caseId(),
                new byte[32], Instant.now(), "R-wrong");
        client.messageArrived(Topics.of(device.id(), Topics.ACK), HqMessages.sign(wrongDigest, hq.identity.signingKey(),
                PkiSuite.INTL));
        HqMessage.Receipt otherDevice = new HqMessage.Receipt("laptop-9999", s.packetId(), Instant.now(), s.caseId(),
                s.digest(), Instant.now(), "R-other");
        client.messageArrived(Topics.of(device.id(), Topics.ACK), HqMessages.sign(otherDevice, hq.identity.signingKey(),
                PkiSuite.INTL));
        client.messageArrived(Topics.of(device.id(), Topics.ACK), "{\"format\":\"doorstep-hq/1\"}".getBytes());
        assertTrue(spool.delivered.isEmpty(), "no receipt was accepted");
        assertTrue(Files.exists(s.file()), "the packet is still on the laptop");
        assertEquals(4, client.stats().refusedMessages());
        assertEquals(1, client.progress().pendingCases());
    }

    @Test
    void aReplayedPacketIsRejectedAndNeverStoredTwice() throws Exception {
        TestHq.Sealed original = sealCase("case-r", false, 20_000);
        // an eavesdropper's copy of the sealed bytes, sent later under a new packet id
        Path copy = Files.copy(original.file(), dir.resolve("replay.dspk"));
        startClient(100, Duration.ofMillis(500));
        await("delivered", () -> spool.settled(1));
        UUID replayId = UUID.randomUUID();
        spool.add(new SpooledPacket(new OutboxEntry(replayId, "case-r", false, Instant.now(), Files.size(copy), false),
                copy));
        client.enqueue(new SpooledPacket(spool.entry(replayId), copy));
        // and the same case sealed again as a new packet
        TestHq.Sealed again = hq.seal(device, "case-r", original.contents());
        spool.add(new SpooledPacket(new OutboxEntry(again.packetId(), "case-r", false, Instant.now(), again.bytes(),
                false), again.file()));
        client.enqueue(new SpooledPacket(spool.entry(again.packetId()), again.file()));
        await("both answered", () -> spool.settled(3));
        assertEquals(RejectReason.REPLAYED, spool.rejected.get(replayId).reason());
        assertEquals(RejectReason.REPLAYED, spool.rejected.get(again.packetId()).reason());
        try (HqStore store = hq.store("check")) {
            assertEquals(1, store.count("packets"));
        }
    }

    @Test
    void aRevokedOrUnknownDeviceIsRejectedWithItsReasonAndKeepsItsCases() throws Exception {
        TestHq.Sealed s = sealCase("case-rv", false, 20_000);
        hq.ca.revokeDevice(device.id(), RevocationReason.KEY_COMPROMISE);
        startClient(100, Duration.ofMillis(500));
        await("answered", () -> spool.settled(1));
        assertEquals(RejectReason.REVOKED, spool.rejected.get(s.packetId()).reason());
        assertTrue(spool.delivered.isEmpty());
        assertTrue(Files.exists(s.file()), "a rejected case is not shredded");
        client.close();

        TestHq.Device stranger = new TestHq.Device("laptop-stranger", device.key(), device.certificate());
        TestHq.Sealed u = hq.seal(stranger, "case-u", TestHq.randomContents(1, 100));
        List<byte[]> answers = new ArrayList<>();
        IngestWorker w = hq.worker("w3", (topic, payload) -> answers.add(payload));
        w.handle(Topics.of(stranger.id(), Topics.CHUNK), new Chunk(u.packetId(), 0, 1, u.bytes(), u.digest(),
                Files.readAllBytes(u.file())).encode());
        HqMessage answer = HqMessages.verify(answers.get(0), hq.identity.signingCertificate().getPublicKey(),
                PkiSuite.INTL, stranger.id());
        assertEquals(RejectReason.UNKNOWN_DEVICE, ((HqMessage.Rejection) answer).reason());
        try (HqStore store = hq.store("check")) {
            assertEquals(0, store.count("packets"));
        }
    }

    @Test
    void tamperedAndUndecryptablePacketsAreRejectedWithTheirReasons() throws Exception {
        TestHq.Sealed good = hq.seal(device, "case-t", TestHq.randomContents(2, 5_000));
        byte[] tampered = Files.readAllBytes(good.file());
        tampered[tampered.length / 2] ^= 1;
        Path tamperedFile = dir.resolve("tampered.dspk");
        Files.write(tamperedFile, tampered);
        UUID tamperedId = UUID.randomUUID();
        var other = PkiSuite.INTL.generateKeyPair(TestHq.RANDOM);
        TestHq.Sealed elsewhere = hq.seal(device, UUID.randomUUID(), "case-e", TestHq.randomContents(1, 1000),
                TestHq.jca(hq.ca.issueServerCertificate(other.getPublic(), "not-hq", List.of())));
        spool.add(new SpooledPacket(new OutboxEntry(tamperedId, "case-t", false, Instant.now(), tampered.length, false),
                tamperedFile));
        spool.add(new SpooledPacket(new OutboxEntry(elsewhere.packetId(), "case-e", false, Instant.now(),
                elsewhere.bytes(), false), elsewhere.file()));
        startClient(100, Duration.ofMillis(500));
        await("answered", () -> spool.settled(2));
        assertEquals(RejectReason.TAMPERED, spool.rejected.get(tamperedId).reason(),
                spool.rejected.get(tamperedId).detail());
        assertEquals(RejectReason.UNDECRYPTABLE, spool.rejected.get(elsewhere.packetId()).reason(),
                spool.rejected.get(elsewhere.packetId()).detail());
        try (HqStore store = hq.store("check")) {
            assertEquals(0, store.count("packets"));
            assertEquals(0, store.count("packet_entries"), "a refused packet leaves no entry behind");
        }
    }

    @Test
    void aFullOutboxSaysSoRefusesRoomAndEvictsNothing() throws Exception {
        bus.cut();
        sealCase("c1", false, 5_000);
        sealCase("c2", false, 5_000);
        startClient(2, Duration.ofSeconds(5));
        assertTrue(client.progress().full(), "two of two packets");
        assertTrue(client.progress().fullNotice().orElseThrow().startsWith("the outbox is full: 2 packets"));
        OutboxFullException full = assertThrows(OutboxFullException.class, () -> client.requireRoomFor(5_000));
        assertTrue(full.getMessage().contains("full"), full.getMessage());
        assertEquals(2, client.progress().pendingCases(), "nothing was evicted");
        bus.restore();
        await("delivered", () -> spool.settled(2));
        assertDeliveredExactlyOnce();
        assertFalse(client.progress().full());
    }

    @Test
    void aSpoolHoldingMoreThanTheCapacityIsSentWholeNotLeftOnDisk() throws Exception {
        // the capacity was lowered, say: every sealed packet is still loaded at start and sent, and the outbox says
        // it is full until HQ's receipts make room
        bus.cut();
        for (int i = 0; i < 3; i++) {
            sealCase("c" + i, false, 5_000);
        }
        startClient(2, Duration.ofSeconds(5));
        assertEquals(3, client.progress().pendingCases(), "none left behind on disk");
        assertTrue(client.progress().full());
        bus.restore();
        await("delivered", () -> spool.settled(3));
        assertDeliveredExactlyOnce();
    }

    @Test
    void aPacketSealedWhileTheClientRunsIsCountedAndSentWithoutARestart() throws Exception {
        bus.cut();
        startClient(100, Duration.ofMillis(500));
        assertEquals(0, client.progress().pendingCases());
        TestHq.Sealed s = sealCase("sealed-meanwhile", false, 20_000); // the spool tells the running client
        assertEquals(1, client.progress().pendingCases(), "counted at once");
        assertEquals(s.bytes(), client.progress().pendingBytes());
        bus.restore();
        await("delivered", () -> spool.settled(1));
        assertDeliveredExactlyOnce();
        assertEquals(1, client.progress().deliveredCases());
    }
}
