package org.doorstep.hq;

import static org.doorstep.hq.TestHq.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.doorstep.field.CaseCompletion;
import org.doorstep.hq.broker.BrokerPki;
import org.doorstep.hq.ingest.IngestService;
import org.doorstep.hq.media.MediaImport;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.client.SyncClient;
import org.doorstep.sync.heartbeat.Heartbeat;
import org.doorstep.sync.link.LinkListener;
import org.doorstep.sync.link.MqttLink;
import org.doorstep.sync.outbox.OutboxCapacity;
import org.doorstep.sync.pki.RevocationReason;
import org.doorstep.sync.protocol.HqMessage;
import org.doorstep.sync.protocol.HqMessages;
import org.doorstep.sync.protocol.RejectReason;
import org.doorstep.sync.protocol.Topics;
import org.doorstep.sync.vault.LaptopSync;
import org.doorstep.sync.vault.MediaExport;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.PacketRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The laptop's sync service as the product runs it ({@link LaptopSync} over a real vault), against both real brokers
 * and HQ's real ingest: a case completed while the service runs goes out at once; a revoked laptop is refused by the
 * broker for its revocation, and its packet that comes by removable media is rejected as revoked.
 */
class VaultLaptopOverBrokerTest {

    @TempDir
    Path dir;
    private BrokerSync world;

    @AfterEach
    void tearDown() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    private static SyncClient.Options options(Path dataDir) {
        return new SyncClient.Options(OutboxCapacity.DEFAULT.maxPackets(), OutboxCapacity.DEFAULT.maxBytes(), 16 * 1024,
                Duration.ofSeconds(2), Duration.ofSeconds(1), "test", dataDir);
    }

    /**
     * The audit's bug: the product's seal path (the guided case's completion, {@link CaseCompletion}) wrote the packet
     * but never told the running engine, which read its spool only when it started. Now the case is counted at once
     * (progress and heartbeat backlog) and sent, receipted and crypto-shredded by the same running service.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mosquitto", "hivemq"})
    void aCaseCompletedWhileTheServiceRunsIsCountedSentAndShreddedWithoutARestart(String kind) throws Exception {
        world = BrokerSync.start(kind, dir);
        VaultLaptop laptop = world.keep(VaultLaptop.enrolled(dir.resolve("laptop"), world.hq, "laptop-live-" + kind,
                world.broker.serverUri()));
        // HQ's side of the wire, to see the laptop's heartbeats as a worker would (a worker may read every up/ topic)
        BrokerPki.Identity spyId = world.pki.enrol("hq-ingest-2");
        MqttLink spy = world.keep(world.link(spyId.cn(), spyId.key().getPrivate(), spyId.certificate(),
                world.broker.serverUri()));
        List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
        spy.subscribe(Topics.ROOT + "+/up/heartbeat", (topic, payload) -> {
            if (topic.equals(Topics.of(laptop.deviceId, Topics.HEARTBEAT))) {
                heartbeats.add(Heartbeat.fromJson(payload, laptop.deviceId));
            }
        });
        spy.start();

        LaptopSync sync = world.keep(LaptopSync.start(laptop.vault, options(laptop.dataDir), Clock.systemUTC()));
        SyncClient engine = sync.client();
        await("online", engine::isConnected, () -> String.valueOf(sync.link().lastProblem()));
        await("an empty backlog reported", () -> heartbeats.stream().anyMatch(h -> h.backlogCases() == 0));
        assertEquals(0, engine.progress().pendingCases());

        // the officer completes a case on screen: GuidedCase.complete → CaseCompletion.complete → CaseSealing
        String caseId = laptop.vault.cases().create("王秀英 · 护照", false, List.of(
                new NewItem(ItemKind.FORM, "form", "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
                new NewItem(ItemKind.SCAN, "scan.id-card", "application/pdf", random(120_000)))).id();
        CaseCompletion.Outcome done = new CaseCompletion(laptop.vault, Clock.systemUTC(), new SecureRandom())
                .complete(caseId, "completed by the officer");
        PacketRecord packet = done.packet().orElseThrow(() -> new AssertionError("not sealed: " + done));
        assertEquals(1, engine.progress().pendingCases(), "the running engine counts it at once");
        assertEquals(packet.bytes(), engine.progress().pendingBytes());
        await("a heartbeat reports it waiting", () -> heartbeats.stream().anyMatch(h -> h.backlogCases() == 1
                && h.backlogBytes() == packet.bytes()));
        assertFalse(laptop.vault.cases().get(caseId).state() == CaseState.SHREDDED, "no HQ yet, so no receipt");

        IngestService ingest = world.ingest("hq-ingest-1");
        await("delivered and crypto-shredded by the same running service",
                () -> laptop.vault.cases().get(caseId).state() == CaseState.SHREDDED && packetFilesGone(laptop)
                        && engine.progress().deliveredCases() == 1, // the engine counts it once the vault is done
                () -> world.describe(engine, ingest));
        assertSame(engine, sync.client());
        assertEquals(0, engine.progress().pendingCases());
        try (HqStore store = world.hq.store("check")) {
            assertEquals(1, store.count("packets"));
            HqStore.Stored stored = assertInstanceOf(HqStore.Stored.class, store.status(packet.packetId()));
            assertEquals(caseId, stored.caseId());
            assertEquals(stored.receiptId(), laptop.vault.packets().get(packet.packetId()).orElseThrow().receipt());
        }
    }

    /**
     * A revoked laptop: the broker refuses it for its revocation (Mosquitto in the TLS handshake with the
     * {@code certificate_revoked} alert, the embedded broker at CONNECT with "the client certificate has been
     * revoked"), not for anything else; and its packet, carried to HQ on removable media instead, is rejected as
     * REVOKED, recorded, and the signed answer goes back on the stick, where the laptop's command line applies it.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mosquitto", "hivemq"})
    void aRevokedLaptopIsRefusedForItsRevocationAndItsPacketByMediaIsRejectedAsRevoked(String kind) throws Exception {
        world = BrokerSync.start(kind, dir);
        world.ingest("hq-ingest-1");
        VaultLaptop laptop = world.keep(VaultLaptop.enrolled(dir.resolve("laptop"), world.hq, "laptop-lost-" + kind,
                world.broker.serverUri()));
        String caseId = laptop.completeCase("吊销后", 1, 20_000);
        PacketRecord packet = laptop.sealing(OutboxCapacity.DEFAULT).seal(caseId);
        world.hq.ca.revokeDevice(laptop.deviceId, RevocationReason.KEY_COMPROMISE);
        world.broker.updateCrl(world.pki.crl());

        try (LaptopSync sync = LaptopSync.start(laptop.vault, options(laptop.dataDir), Clock.systemUTC())) {
            List<String> failures = new CopyOnWriteArrayList<>();
            sync.link().addListener(new LinkListener() {
                @Override
                public void connectFailed(String cause, Duration retryIn) {
                    failures.add(cause);
                }
            });
            await("the broker refused it", () -> sync.link().lastProblem() != null);
            await("and again", () -> !failures.isEmpty());
            failures.add(0, sync.link().lastProblem());
            assertTrue(failures.stream().allMatch(f -> f.contains("revoked")),
                    "refused for its revocation, every time: " + failures);
            assertFalse(sync.link().isConnected());
            assertEquals(0, sync.client().stats().chunksPublished());
        }
        assertEquals(CaseState.QUEUED, laptop.vault.cases().get(caseId).state());

        Path stick = Files.createDirectories(dir.resolve("stick"));
        MediaExport.Result export = new MediaExport(laptop.vault, laptop.spool(), Clock.systemUTC()).export(stick);
        assertEquals(List.of(packet.packetId()), export.packets());
        MediaImport.FolderResult imported = new MediaImport(world.hq.worker("media", (t, p) -> {
        })).importFolder(export.folder());
        assertEquals(MediaImport.Outcome.ANSWERED, imported.packets().get(0).outcome(), imported.toString());
        HqMessage answer = HqMessages.verify(Files.readAllBytes(export.folder().resolve("receipts")
                .resolve(packet.packetId() + ".json")), world.hq.identity.signingCertificate().getPublicKey(),
                world.hq.suite, laptop.deviceId);
        assertEquals(RejectReason.REVOKED, assertInstanceOf(HqMessage.Rejection.class, answer).reason());
        try (HqStore store = world.hq.store("check")) {
            assertEquals(0, store.count("packets"));
            assertTrue(store.rejects().stream().anyMatch(r -> packet.packetId().equals(r.packetId())
                    && r.reason() == RejectReason.REVOKED), store.rejects().toString());
        }

        // the stick back on the laptop: the real command line applies HQ's answer
        laptop.close();
        LaptopCli.Result result = LaptopCli.run("receipts", stick.toString(), "--as", Fixture.WANG.id(),
                "--data", laptop.dataDir.toString());
        assertEquals(0, result.code(), result.toString());
        laptop.vault = laptop.fixture.reopenUnlocked();
        assertEquals(CaseState.REJECTED, laptop.vault.cases().get(caseId).state());
        assertTrue(laptop.vault.cases().get(caseId).note().contains("revoked"), laptop.vault.cases().get(caseId).note());
        laptop.vault.cases().read(caseId, "form"); // rejected, not shredded
    }

    private static boolean packetFilesGone(VaultLaptop laptop) {
        try {
            return laptop.packetFiles() == 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        TestHq.RANDOM.nextBytes(b);
        return b;
    }
}
