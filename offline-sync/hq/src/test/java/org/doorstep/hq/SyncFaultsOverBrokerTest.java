package org.doorstep.hq;

import static org.doorstep.hq.TestHq.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.doorstep.hq.broker.BrokerPki;
import org.doorstep.hq.ingest.IngestService;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.client.PacketSpool.SpooledPacket;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.outbox.OutboxCapacity;
import org.doorstep.sync.outbox.OutboxEntry;
import org.doorstep.sync.pki.PkiSuite;
import org.doorstep.sync.protocol.HqMessage;
import org.doorstep.sync.protocol.HqMessages;
import org.doorstep.sync.protocol.RejectReason;
import org.doorstep.sync.protocol.Topics;
import org.doorstep.sync.vault.CaseSealing;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.ItemInfo;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.VaultException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The faults {@link SyncProtocolTest} injects on its in-process bus, here through real brokers (Mosquitto from the
 * Debian package with the repository's configuration, and the embedded HiveMQ, each started by the test on a free
 * loopback port) to HQ's real ingest service and store: chunks duplicated and out of order, damaged chunks, a
 * replayed packet, and on a real vault laptop all of these at once with receipts that are not HQ's. After each: every
 * case is delivered exactly once or rejected with its reason, nothing is lost, and nothing is shredded (on the vault
 * laptop: crypto-shredded) without HQ's valid receipt.
 */
class SyncFaultsOverBrokerTest {

    @TempDir
    Path dir;
    private BrokerSync world;

    @AfterEach
    void tearDown() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    private static TestHq.Sealed seal(BrokerSync world, TestHq.Device device, MemorySpool spool, List<TestHq.Sealed> all,
            String caseId, int bytes) throws Exception {
        TestHq.Sealed s = world.hq.seal(device, caseId, TestHq.randomContents(3, bytes / 3));
        all.add(s);
        spool.add(new SpooledPacket(new OutboxEntry(s.packetId(), caseId, false, Instant.now(), s.bytes(), false),
                s.file()));
        return s;
    }

    private static long workerSum(IngestService ingest, java.util.function.ToLongFunction<IngestService.Worker> f) {
        return ingest.workers().stream().mapToLong(f).sum();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mosquitto", "hivemq"})
    void duplicatedAndReorderedChunksAreStoredOnce(String kind) throws Exception {
        world = BrokerSync.start(kind, dir);
        IngestService ingest = world.ingest("hq-ingest-1", "hq-ingest-2");
        TestHq.Device device = world.hq.enrol("laptop-dup");
        MemorySpool spool = new MemorySpool();
        List<TestHq.Sealed> sealed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seal(world, device, spool, sealed, "case-" + i, 60_000);
        }
        FaultyTransport[] faults = new FaultyTransport[1];
        SyncClient client = world.laptop(device, spool, Duration.ofSeconds(2),
                t -> faults[0] = new FaultyTransport(t, 7, 2, 6, 0));
        await("all delivered", () -> spool.settled(4), () -> world.describe(client, ingest));
        world.hq.assertDeliveredExactlyOnce(spool, sealed);
        assertTrue(faults[0].duplicated.get() > 0 && faults[0].reordered.get() > 0, "the test duplicated and reordered");
        assertTrue(workerSum(ingest, w -> w.ingest().stats().duplicateChunks()) > 0,
                "HQ's workers met the duplicates through the broker and kept one of each");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mosquitto", "hivemq"})
    void corruptedChunksAreNeverStoredAndAreSentAgain(String kind) throws Exception {
        world = BrokerSync.start(kind, dir);
        IngestService ingest = world.ingest("hq-ingest-1");
        TestHq.Device device = world.hq.enrol("laptop-damage");
        MemorySpool spool = new MemorySpool();
        List<TestHq.Sealed> sealed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seal(world, device, spool, sealed, "case-" + i, 60_000);
        }
        FaultyTransport[] faults = new FaultyTransport[1];
        SyncClient client = world.laptop(device, spool, Duration.ofSeconds(1),
                t -> faults[0] = new FaultyTransport(t, 11, 0, 0, 4));
        await("all delivered", () -> spool.settled(3), () -> world.describe(client, ingest));
        assertTrue(faults[0].corrupted.get() > 0, "the test damaged some chunks");
        world.hq.assertDeliveredExactlyOnce(spool, sealed);
        assertTrue(client.stats().chunksResent() >= 1, "damaged chunks were sent again");
        try (HqStore store = world.hq.store("check")) {
            List<HqStore.Rejected> rejects = store.rejects();
            assertFalse(rejects.isEmpty(), "the damaged chunks are on record");
            assertTrue(rejects.stream().allMatch(r -> r.packetId() == null && r.reason() == RejectReason.TAMPERED),
                    "recorded as damaged chunks, not held against the packet: " + rejects);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mosquitto", "hivemq"})
    void aReplayedPacketIsRejectedAndNeverStoredTwice(String kind) throws Exception {
        world = BrokerSync.start(kind, dir);
        IngestService ingest = world.ingest("hq-ingest-1");
        TestHq.Device device = world.hq.enrol("laptop-replay");
        MemorySpool spool = new MemorySpool();
        List<TestHq.Sealed> sealed = new ArrayList<>();
        TestHq.Sealed original = seal(world, device, spool, sealed, "case-r", 20_000);
        Path copy = Files.copy(original.file(), dir.resolve("replay.dspk")); // an eavesdropper's copy
        SyncClient client = world.laptop(device, spool, Duration.ofSeconds(1), t -> t);
        await("delivered", () -> spool.settled(1), () -> world.describe(client, ingest));

        // the copy sent later under a new packet id, and the same case sealed again as a new packet: the running
        // engine hears of both from its spool
        UUID replayId = UUID.randomUUID();
        spool.add(new SpooledPacket(new OutboxEntry(replayId, "case-r", false, Instant.now(), Files.size(copy), false),
                copy));
        TestHq.Sealed again = world.hq.seal(device, "case-r", original.contents());
        spool.add(new SpooledPacket(new OutboxEntry(again.packetId(), "case-r", false, Instant.now(), again.bytes(),
                false), again.file()));
        await("both answered", () -> spool.settled(3), () -> world.describe(client, ingest));
        assertEquals(RejectReason.REPLAYED, spool.rejected.get(replayId).reason(), spool.rejected.get(replayId).detail());
        assertEquals(RejectReason.REPLAYED, spool.rejected.get(again.packetId()).reason());
        assertEquals(Set.of(original.packetId()), spool.delivered.keySet(), "only the original was receipted");
        assertEquals(1, spool.delivered.get(original.packetId()).size());
        assertTrue(Files.exists(copy) && Files.exists(again.file()), "a rejected packet is not shredded");
        try (HqStore store = world.hq.store("check")) {
            assertEquals(1, store.count("packets"), "stored once");
            assertTrue(store.status(original.packetId()) instanceof HqStore.Stored);
        }
    }

    /**
     * A real vault laptop whose chunks are duplicated, reordered and damaged on their way, and which meets a forged
     * receipt and an HQ-signed receipt naming other contents before HQ has its cases: it shreds (destroys the case
     * keys of) exactly the cases HQ stored, each on HQ's receipt for it, and nothing before.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mosquitto", "hivemq"})
    void aVaultLaptopShredsOnlyOnHqsValidReceiptsWhateverTheNetworkDoes(String kind) throws Exception {
        world = BrokerSync.start(kind, dir);
        VaultLaptop laptop = world.keep(VaultLaptop.enrolled(dir.resolve("laptop"), world.hq, "laptop-vault-" + kind,
                world.broker.serverUri()));
        CaseSealing sealing = laptop.sealing(OutboxCapacity.DEFAULT);
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cases.add(laptop.completeCase("案件-" + i, 2, 25_000));
        }
        Map<String, PacketRecord> packets = new TreeMap<>();
        for (String c : cases.subList(0, 2)) {
            packets.put(c, sealing.seal(c));
        }
        FaultyTransport[] faults = new FaultyTransport[1];
        SyncClient client = laptop.client(world, Duration.ofSeconds(2),
                t -> faults[0] = new FaultyTransport(t, 5, 3, 5, 6));
        await("connected", client::isConnected);

        // before HQ has anything: a receipt signed by a stranger, and one signed by HQ's key for other contents
        BrokerPki.Identity console = world.pki.enrol("hq-console");
        MqttLink forger = world.keep(world.link(console.cn(), console.key().getPrivate(), console.certificate(),
                world.broker.serverUri()));
        forger.start();
        await("the console link is up", forger::isConnected);
        PacketRecord first = packets.get(cases.get(0));
        PacketRecord second = packets.get(cases.get(1));
        var stranger = PkiSuite.INTL.generateKeyPair(TestHq.RANDOM);
        forger.publish(Topics.of(laptop.deviceId, Topics.ACK), HqMessages.sign(new HqMessage.Receipt(laptop.deviceId,
                first.packetId(), Instant.now(), first.caseId(), first.digest(), Instant.now(), "R-forged"),
                stranger.getPrivate(), PkiSuite.INTL));
        forger.publish(Topics.of(laptop.deviceId, Topics.ACK), HqMessages.sign(new HqMessage.Receipt(laptop.deviceId,
                second.packetId(), Instant.now(), second.caseId(), new byte[32], Instant.now(), "R-other-contents"),
                world.hq.identity.signingKey(), PkiSuite.INTL));
        await("both refused", () -> client.stats().refusedMessages() >= 2, () -> world.describe(client, null));
        for (String c : cases) {
            assertFalse(laptop.vault.cases().get(c).state() == CaseState.SHREDDED, "nothing shredded yet");
            for (ItemInfo item : laptop.vault.cases().items(c)) {
                laptop.vault.cases().read(c, item.slot()); // still readable
            }
        }
        assertEquals(2, laptop.packetFiles());

        // a third case sealed while the engine runs, then HQ's ingest comes up
        packets.put(cases.get(2), sealing.seal(cases.get(2)));
        IngestService ingest = world.ingest("hq-ingest-1", "hq-ingest-2");
        await("every case shredded on HQ's receipt", () -> cases.stream()
                .allMatch(c -> laptop.vault.cases().get(c).state() == CaseState.SHREDDED),
                () -> world.describe(client, ingest));
        assertTrue(faults[0].duplicated.get() > 0 && faults[0].reordered.get() > 0 && faults[0].corrupted.get() > 0,
                "duplicates " + faults[0].duplicated + ", reorderings " + faults[0].reordered + ", damaged "
                        + faults[0].corrupted);
        try (HqStore store = world.hq.store("check")) {
            assertEquals(3, store.count("packets"), "each case stored once");
            assertEquals(0, store.count("inbound"), "nothing left half assembled");
            Map<String, String> receiptOfCase = store.packets().stream()
                    .collect(Collectors.toMap(HqStore.Stored::caseId, HqStore.Stored::receiptId));
            for (String c : cases) {
                PacketRecord p = laptop.vault.packets().ofCase(c).get(0);
                assertEquals(receiptOfCase.get(c), p.receipt(), "case " + c + " was shredded on HQ's own receipt");
                assertThrows(VaultException.Shredded.class, () -> laptop.vault.cases().read(c, "form"),
                        "its key is destroyed");
            }
        }
        assertEquals(0, laptop.packetFiles(), "no packet left in the spool");
        assertTrue(laptop.vault.verifyAudit().intact(), laptop.vault.verifyAudit().toString());
    }
}
