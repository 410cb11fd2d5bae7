package org.doorstep.hq.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.doorstep.hq.TestHq;
import org.doorstep.hq.ingest.IngestWorker;
import org.doorstep.hq.store.HqStore;
import org.doorstep.sync.protocol.HqMessage;
import org.doorstep.sync.protocol.HqMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HQ imports a laptop's export folder with the same idempotence as MQTT: twice imported is stored once, a packet
 * damaged on the stick is reported and not imported, a half-written export or a hostile index is skipped with its
 * reason, and every answer HQ writes back is signed.
 */
class MediaImportTest {

    @TempDir
    Path dir;

    @Test
    void aStickImportedTwiceIsStoredOnceAndCarriesSignedReceiptsBack() throws Exception {
        try (TestHq hq = new TestHq(dir.resolve("hq"))) {
            TestHq.Device device = hq.enrol("laptop-media");
            TestHq.Sealed a = hq.seal(device, "case-a", TestHq.randomContents(2, 4_000));
            TestHq.Sealed b = hq.seal(device, "case-b", TestHq.randomContents(2, 4_000));
            TestHq.Sealed damaged = hq.seal(device, "case-c", TestHq.randomContents(1, 4_000));
            Path export = exportFolder("doorstep-export-laptop-media-20261121T090000Z", device.id(), a, b, damaged);
            byte[] bytes = Files.readAllBytes(export.resolve(damaged.packetId() + ".dspk"));
            bytes[100] ^= 1;
            Files.write(export.resolve(damaged.packetId() + ".dspk"), bytes);
            Files.createDirectories(dir.resolve("stick/doorstep-export-laptop-media-20261121T100000Z.partial"));

            IngestWorker worker = hq.worker("media", (topic, payload) -> {
            });
            MediaImport media = new MediaImport(worker);
            for (int round = 0; round < 2; round++) {
                List<MediaImport.FolderResult> results = media.importAll(dir.resolve("stick"));
                assertEquals(2, results.size());
                MediaImport.FolderResult whole = results.get(0);
                assertNull(whole.skipped());
                assertEquals(List.of(MediaImport.Outcome.ANSWERED, MediaImport.Outcome.ANSWERED,
                        MediaImport.Outcome.DAMAGED), whole.packets().stream().map(MediaImport.PacketResult::outcome).toList());
                assertNotNull(results.get(1).skipped(), "the .partial folder is skipped");
            }
            try (HqStore store = hq.store("check")) {
                assertEquals(2, store.count("packets"), "stored once, however often imported");
                assertInstanceOf(HqStore.Unknown.class, store.status(damaged.packetId()), "the damaged one is not held against the laptop");
            }
            for (TestHq.Sealed s : List.of(a, b)) {
                HqMessage answer = HqMessages.verify(Files.readAllBytes(export.resolve("receipts/" + s.packetId() + ".json")),
                        hq.identity.signingCertificate().getPublicKey(), hq.suite, device.id());
                HqMessage.Receipt receipt = assertInstanceOf(HqMessage.Receipt.class, answer);
                assertTrue(receipt.matches(s.digest()));
            }
        }
    }

    @Test
    void aHostileIndexIsSkippedWithItsReason() throws Exception {
        try (TestHq hq = new TestHq(dir.resolve("hq"))) {
            Path export = Files.createDirectories(dir.resolve("stick/doorstep-export-x-1"));
            String id = "4c1d2f8e-7a41-4c8e-9a55-0b8f7d1c2e3f";
            Files.writeString(export.resolve("index.json"), "{\"format\":\"doorstep-export/1\",\"deviceId\":\"x\","
                    + "\"exportedAt\":\"2026-11-21T09:00:00Z\",\"packets\":[{\"packetId\":\"" + id + "\",\"caseId\":\"c\","
                    + "\"urgent\":false,\"queuedAt\":\"2026-11-21T09:00:00Z\",\"file\":\"../../etc/passwd\",\"bytes\":1,"
                    + "\"sha256\":\"" + "0".repeat(64) + "\"}]}");
            MediaImport.FolderResult result = new MediaImport(hq.worker("media", (t, p) -> {
            })).importFolder(export);
            assertTrue(result.skipped().contains("must be " + id + ".dspk"), result.skipped());
            Files.writeString(export.resolve("index.json"), "not json");
            assertTrue(new MediaImport(hq.worker("media2", (t, p) -> {
            })).importFolder(export).skipped().contains("not JSON"));
        }
    }

    private Path exportFolder(String name, String device, TestHq.Sealed... packets) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("stick").resolve(name));
        StringBuilder index = new StringBuilder("{\"format\":\"doorstep-export/1\",\"deviceId\":\"" + device
                + "\",\"exportedAt\":\"2026-11-21T09:00:00Z\",\"packets\":[");
        for (int i = 0; i < packets.length; i++) {
            TestHq.Sealed s = packets[i];
            Files.copy(s.file(), folder.resolve(s.packetId() + ".dspk"));
            index.append(i == 0 ? "" : ",").append("{\"packetId\":\"").append(s.packetId()).append("\",\"caseId\":\"")
                    .append(s.caseId()).append("\",\"urgent\":false,\"queuedAt\":\"2026-11-21T08:00:00Z\",\"file\":\"")
                    .append(s.packetId()).append(".dspk\",\"bytes\":").append(s.bytes()).append(",\"sha256\":\"")
                    .append(HexFormat.of().formatHex(s.digest())).append("\"}");
        }
        Files.writeString(folder.resolve("index.json"), index.append("]}").toString(), StandardCharsets.UTF_8);
        return folder;
    }
}
