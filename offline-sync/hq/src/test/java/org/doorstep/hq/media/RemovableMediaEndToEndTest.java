package org.doorstep.hq.media;

import static org.doorstep.hq.TestHq.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.doorstep.hq.BrokerSync;
import org.doorstep.hq.LaptopCli;
import org.doorstep.hq.TestHq;
import org.doorstep.hq.VaultLaptop;
import org.doorstep.hq.ingest.IngestService;
import org.doorstep.hq.ingest.IngestWorker;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.outbox.OutboxCapacity;
import org.doorstep.sync.protocol.HqMessage;
import org.doorstep.sync.protocol.HqMessages;
import org.doorstep.sync.vault.LaptopSync;
import org.doorstep.sync.vault.MediaExport;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.VaultException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Removable media end to end, every part real: a vault laptop's sealed cases exported to a stick by the laptop's
 * command line ({@code export}, over {@link MediaExport}), imported at HQ with {@link MediaImport} (twice: stored
 * once), the stick back on the laptop, whose command line ({@code receipts}) checks HQ's signed answers and
 * crypto-shreds the cases. And a packet that reaches HQ both on a stick and over MQTT is stored once and receipted on
 * both paths.
 */
class RemovableMediaEndToEndTest {

    @TempDir
    Path dir;
    private BrokerSync world;

    @AfterEach
    void tearDown() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void casesCarriedOnAStickAreStoredOnceAndShreddedByTheAnswersBroughtBack() throws Exception {
        try (TestHq hq = new TestHq(dir.resolve("hq"));
                VaultLaptop laptop = VaultLaptop.enrolled(dir.resolve("laptop"), hq, "laptop-stick",
                        "ssl://127.0.0.1:1")) {
            List<String> cases = List.of(laptop.completeCase("甲", 2, 30_000), laptop.completeCase("乙", 1, 50_000));
            Map<String, PacketRecord> packets = new java.util.TreeMap<>();
            for (String c : cases) {
                packets.put(c, laptop.sealing(OutboxCapacity.DEFAULT).seal(c));
            }
            Path stick = Files.createDirectories(dir.resolve("stick"));
            laptop.close(); // the command line opens the vault itself

            LaptopCli.Result exported = LaptopCli.run("export", stick.toString(), "--as", Fixture.WANG.id(),
                "--data", laptop.dataDir.toString());
            assertEquals(0, exported.code(), exported.toString());
            assertTrue(exported.out().startsWith("exported 2 packets"), exported.out());

            MediaImport media = new MediaImport(hq.worker("media", (topic, payload) -> {
            }));
            for (int round = 1; round <= 2; round++) {
                List<MediaImport.FolderResult> results = media.importAll(stick);
                assertEquals(1, results.size());
                assertEquals(List.of(MediaImport.Outcome.ANSWERED, MediaImport.Outcome.ANSWERED),
                        results.get(0).packets().stream().map(MediaImport.PacketResult::outcome).toList());
                try (HqStore store = hq.store("check-" + round)) {
                    assertEquals(2, store.count("packets"), "import " + round + ": stored once, however often imported");
                }
            }

            LaptopCli.Result applied = LaptopCli.run("receipts", stick.toString(), "--as", Fixture.WANG.id(),
                "--data", laptop.dataDir.toString());
            assertEquals(0, applied.code(), applied.toString());
            assertTrue(applied.out().contains("2 receipts applied"), applied.out());

            laptop.vault = laptop.fixture.reopenUnlocked();
            try (HqStore store = hq.store("check")) {
                Map<String, String> receiptOfCase = store.packets().stream()
                        .collect(Collectors.toMap(HqStore.Stored::caseId, HqStore.Stored::receiptId));
                for (String c : cases) {
                    assertEquals(CaseState.SHREDDED, laptop.vault.cases().get(c).state());
                    assertThrows(VaultException.Shredded.class, () -> laptop.vault.cases().read(c, "form"));
                    assertEquals(receiptOfCase.get(c), laptop.vault.packets().get(packets.get(c).packetId())
                            .orElseThrow().receipt(), "shredded on HQ's receipt for it");
                }
            }
            assertEquals(0, laptop.packetFiles());
            assertTrue(laptop.vault.verifyAudit().intact());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mosquitto", "hivemq"})
    void aPacketArrivingOnAStickAndOverMqttIsStoredOnceAndReceiptedForBoth(String kind) throws Exception {
        world = BrokerSync.start(kind, dir);
        IngestService ingest = world.ingest("hq-ingest-1");
        VaultLaptop laptop = world.keep(VaultLaptop.enrolled(dir.resolve("laptop"), world.hq, "laptop-both-" + kind,
                world.broker.serverUri()));
        String caseId = laptop.completeCase("两路", 1, 40_000);
        PacketRecord packet = laptop.sealing(OutboxCapacity.DEFAULT).seal(caseId);
        Path stick = Files.createDirectories(dir.resolve("stick"));
        MediaExport.Result export = new MediaExport(laptop.vault, laptop.spool(), Clock.systemUTC()).export(stick);

        // the stick reaches HQ first
        IngestWorker media = world.hq.worker("media", (topic, payload) -> {
        });
        new MediaImport(media).importAll(stick);
        HqMessage.Receipt byStick = assertInstanceOf(HqMessage.Receipt.class, HqMessages.verify(
                Files.readAllBytes(export.folder().resolve("receipts").resolve(packet.packetId() + ".json")),
                world.hq.identity.signingCertificate().getPublicKey(), world.hq.suite, laptop.deviceId));

        // then the laptop gets a link and sends it too: HQ answers from the stored row, the laptop shreds
        try (LaptopSync sync = LaptopSync.start(laptop.vault, new SyncClient.Options(100, 1L << 30, 16 * 1024,
                Duration.ofSeconds(2), Duration.ofSeconds(1), "test", laptop.dataDir), Clock.systemUTC())) {
            await("shredded on HQ's receipt over MQTT",
                    () -> laptop.vault.cases().get(caseId).state() == CaseState.SHREDDED,
                    () -> world.describe(sync.client(), ingest));
        }
        assertEquals(byStick.receiptId(), laptop.vault.packets().get(packet.packetId()).orElseThrow().receipt(),
                "both paths name the one stored row");
        assertTrue(ingest.workers().get(0).ingest().stats().duplicatesReceipted() >= 1,
                "the MQTT copy was receipted as a duplicate, not stored");
        try (HqStore store = world.hq.store("check")) {
            assertEquals(1, store.count("packets"), "stored once");
            assertEquals(0, store.count("inbound"), "and its MQTT chunks not kept");
        }

        // the stick's answer, applied later, changes nothing and is no error
        laptop.close();
        LaptopCli.Result applied = LaptopCli.run("receipts", stick.toString(), "--as", Fixture.WANG.id(),
                "--data", laptop.dataDir.toString());
        assertEquals(0, applied.code(), applied.toString());
        laptop.vault = laptop.fixture.reopenUnlocked();
        assertEquals(CaseState.SHREDDED, laptop.vault.cases().get(caseId).state());
        assertEquals(Set.of(), Set.copyOf(laptop.vault.packets().open()));
    }
}
